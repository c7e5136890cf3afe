"""Lazily built, cached AWS clients (boto3 honours AWS_ENDPOINT_URL for the local stack)."""
import threading
from functools import lru_cache

import boto3
from botocore.config import Config

from chalicelib import config

_creating = threading.Lock()


@lru_cache(maxsize=1)
def _session() -> boto3.session.Session:
    """One session for the process: it loads each service's JSON model once (a fresh session per client took
    0.3 s a client, and moto's mock resets boto3's default session)."""
    return boto3.session.Session()


@lru_cache(maxsize=None)
def client(service: str):
    # A boto3 session is not thread-safe while it builds a client, and the local stack's
    # event pump runs handlers in threads (a Lambda runs one at a time).
    with _creating:
        return _session().client(service, region_name=config.region(),
                                 config=Config(retries={"mode": "standard", "max_attempts": 5}))


def reset_clients() -> None:
    """Forget cached clients (tests and the local stack switch endpoints)."""
    client.cache_clear()
