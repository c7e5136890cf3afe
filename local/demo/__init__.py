"""The local stack's first-start data: the platform admin, the demo pharmacy, its files and its payment."""
