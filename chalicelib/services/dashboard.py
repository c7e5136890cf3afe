"""The user home page: the latest snapshot, the trend of class sizes, and totals for the first-use guide."""
from chalicelib.adapters import analysis_store
from chalicelib.adapters.customer_codes import CustomerCodeIndex
from chalicelib.adapters.order_store import OrderStore
from chalicelib.services.analysis_view import public

TREND_POINTS = 24


def dashboard(tenant_id: str) -> dict:
    headers = analysis_store.saved_headers(tenant_id)  # newest window end first
    trend = [{"analysis_id": h["analysis_id"], "kind": h["kind"], "start": h["start"], "end": h["end"],
              "classes": {name: row["count"] for name, row in h["summary"]["classes"].items()},
              "no_purchase": h["summary"]["no_purchase"]} for h in reversed(headers[:TREND_POINTS])]
    return {"latest": public(headers[0]) if headers else None, "trend": trend,
            "customers": CustomerCodeIndex(tenant_id).count(),
            "orders": OrderStore(tenant_id).count()}
