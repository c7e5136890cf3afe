"""The user home page: the analysis in force, the trend of class sizes, and totals for the first-use guide."""
from chalicelib.adapters import analysis_store
from chalicelib.domain.rfm.in_force import in_force
from chalicelib.services.analyses import described
from chalicelib.services.data_state import data_state

TREND_POINTS = 24


def dashboard(tenant_id: str) -> dict:
    headers = analysis_store.saved_headers(tenant_id)  # newest window end first
    trend = [{"analysis_id": h["analysis_id"], "kind": h["kind"], "start": h["start"], "end": h["end"],
              "classes": {name: row["count"] for name, row in h["summary"]["classes"].items()},
              "no_purchase": h["summary"]["no_purchase"]} for h in reversed(headers[:TREND_POINTS])]
    current, now = in_force(headers), data_state(tenant_id)
    latest = next((described(h, current, now) for h in headers if h["analysis_id"] == current), None)
    return {"latest": latest, "trend": trend, "customers": now["customers"], "orders": now["orders"]}
