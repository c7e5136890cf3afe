"""Every customer of a tenant in one object, for whole-list reads (list, search, export, import diff).

DynamoDB holds each customer item; reading a large tenant back item by item costs seconds in
DynamoDB (and minutes in moto), so each writer of customers also saves this snapshot after its
DynamoDB writes succeed, under the tenant's import lease. A missing snapshot (a tenant from
before it existed) is rebuilt from DynamoDB on first read.
"""
import gzip
import json

from chalicelib import config
from chalicelib.adapters import customer_store
from chalicelib.adapters.bucket_io import BucketIO, plain_id


def _key(tenant_id: str) -> str:
    return f"customers/{plain_id(tenant_id, 'tenant_id')}/snapshot.json.gz"


def all_of(tenant_id: str) -> dict[str, dict]:
    """customer_code -> stored fields, for every customer of the tenant."""
    body = BucketIO(config.data_bucket()).get(_key(tenant_id))
    if body is None:
        customers = customer_store.all_of(tenant_id)
        if customers:
            save(tenant_id, customers)
        return customers
    return {customer["customer_code"]: customer for customer in json.loads(gzip.decompress(body))}


def save(tenant_id: str, customers: dict[str, dict]) -> None:
    document = json.dumps(list(customers.values()), ensure_ascii=False, separators=(",", ":")).encode()
    BucketIO(config.data_bucket()).put(_key(tenant_id), gzip.compress(document, compresslevel=5))
