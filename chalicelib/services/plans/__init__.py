"""Marketing plans: the market, submissions and their review, usage, dictionaries and the seeded library."""
