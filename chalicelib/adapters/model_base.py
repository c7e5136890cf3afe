"""What every PynamoDB model shares: table names and the region resolved from configuration at call time."""
from chalicelib import config


class TableName:
    """Resolves Meta.table_name on every access, so tests and stages can rename tables."""

    def __init__(self, logical: str):
        self.logical = logical

    def __get__(self, _obj, _owner) -> str:
        return config.table_name(self.logical)


class Region:
    def __get__(self, _obj, _owner) -> str:
        return config.region()


class BaseMeta:
    region = Region()
    billing_mode = "PAY_PER_REQUEST"
