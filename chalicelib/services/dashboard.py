"""The user home page: the analysis in force, the trend of class sizes, each store's classes, and totals."""
from chalicelib.adapters import analysis_store
from chalicelib.domain.rfm.in_force import in_force
from chalicelib.services import stores
from chalicelib.services.analyses import saved
from chalicelib.services.analyses.saved import described
from chalicelib.services.data_state import data_state

TREND_POINTS = 24


def dashboard(tenant_id: str, store: str = "") -> dict:
    """Home figures; for a 店长 (`store` set) the analysis in force over its store's customers, and no trend
    (a trend per store would read every analysis' results)."""
    headers = analysis_store.saved_headers(tenant_id)  # newest window end first
    trend = [] if store else [
        {"analysis_id": h["analysis_id"], "kind": h["kind"], "start": h["start"], "end": h["end"],
         "classes": {name: row["count"] for name, row in h["summary"]["classes"].items()},
         "no_purchase": h["summary"]["no_purchase"]} for h in reversed(headers[:TREND_POINTS])]
    current, now = in_force(headers), data_state(tenant_id)
    header = next((h for h in headers if h["analysis_id"] == current), None)
    if header and store and current:
        header = saved.store_header(header, saved.results(tenant_id, current), store,
                                       stores.members(tenant_id, store))
    latest = described(header, current, now) if header else None
    store_table = stores.list_stores(tenant_id, store)
    customers = store_table["items"][0]["customers"] if store else now["customers"]
    return {"latest": latest, "trend": trend, "customers": customers, "orders": now["orders"], "stores": store_table}
