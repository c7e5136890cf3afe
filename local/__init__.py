"""The embedded local stack behind `make run` (never deployed): moto, the API, the frontend."""
