"""Marketing plans: their lifecycle, request shapes and the seeded library."""
