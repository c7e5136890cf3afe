"""In-memory stand-ins for the adapter stores: the same functions, return types and conditions (each passes
its store's contract test in tests/integration/test_store_contract_<area>.py)."""
