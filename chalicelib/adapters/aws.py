"""Lazily built, cached AWS clients (boto3 honours AWS_ENDPOINT_URL for the local stack)."""
from functools import lru_cache

import boto3
from botocore.config import Config

from chalicelib import config


@lru_cache(maxsize=None)
def client(service: str):
    return boto3.client(service, region_name=config.region(),
                        config=Config(retries={"mode": "standard", "max_attempts": 5}))


def reset_clients() -> None:
    """Forget cached clients (tests and the local stack switch endpoints)."""
    client.cache_clear()
