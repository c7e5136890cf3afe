"""What every PynamoDB model shares: table names and the region resolved from configuration at call time,
and one botocore session per thread."""
import threading

import botocore.session
import pynamodb.connection.base

from chalicelib import config

_sessions = threading.local()


def _thread_session() -> botocore.session.Session:
    """PynamoDB builds a new botocore session for every model's connection, and each loads about 1 MB of service
    JSON (0.1-0.3 s): 31 models made a cold start or a test seconds slower. Sessions are not thread-safe, so one
    per thread, as PynamoDB keeps them."""
    session = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = botocore.session.get_session()
    return session


pynamodb.connection.base.get_session = _thread_session


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
