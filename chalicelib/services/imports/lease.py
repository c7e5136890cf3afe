"""One import per tenant at a time: imports of a tenant queue behind each other, never interleave."""
from contextlib import contextmanager

from chalicelib import config
from chalicelib.adapters import locks


class ImportBusy(Exception):
    """Another import of this tenant holds the lease; try again shortly."""


@contextmanager
def tenant_lease(tenant_id: str, owner: str):
    lock_id = f"import#{tenant_id}"
    if not locks.acquire(lock_id, owner, config.IMPORT_LEASE_SECONDS):
        raise ImportBusy(tenant_id)
    try:
        yield
    finally:
        locks.release(lock_id, owner)
