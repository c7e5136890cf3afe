"""What an analysis saw of the tenant's data, so a later look can tell that orders or customers changed since.

Compared by content, not by time: an import that added orders or customers, or a rollback that
removed a batch, changes it; re-importing the same rows does not (nothing the analysis read changed).
"""
import hashlib

from chalicelib.adapters import customers
from chalicelib.adapters.order_store import OrderStore


def data_state(tenant_id: str) -> dict:
    """{orders, customers, batches}: the order and customer counts and a digest of the committed order batches."""
    batches = OrderStore(tenant_id).batches()
    digest = hashlib.sha256("\n".join(sorted(entry["batch_id"] for entry in batches)).encode()).hexdigest()[:16]
    return {"orders": sum(entry["count"] for entry in batches), "customers": customers.code_count(tenant_id),
            "batches": digest}


def changed_since(seen: dict | None, now: dict | None) -> bool | None:
    """True when the data differs from what an analysis saw; None when that is unknown (saved before it was kept)."""
    if not seen or now is None:
        return None
    return seen != now
