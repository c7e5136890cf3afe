"""Each customer's current class follows the latest saved analysis; only changed customers are written.

Runs in the analysis worker under the tenant's import lease, because imports write the same
customer items and snapshot. A customer the analysis did not see (no purchase in its window)
becomes 无购买.
"""
from chalicelib.adapters import analysis_store, customer_snapshot, customer_store
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.clock import now_iso
from chalicelib.domain.rfm_classes import CLASS_NAMES, NO_PURCHASE
from chalicelib.services.import_lease import tenant_lease


def changes(tenant_id: str, analysis_id: str, customers: dict[str, dict] | None = None) -> dict[str, str]:
    """customer_code -> new class, for the customers whose current class the analysis changes."""
    result = ResultStore(tenant_id).read(analysis_id)
    if result is None:
        return {}
    customers = customer_snapshot.all_of(tenant_id) if customers is None else customers
    new = dict(zip(result["customer_code"].tolist(), (CLASS_NAMES[i] for i in result["rfm_class"].tolist())))
    return {code: rfm_class for code, customer in customers.items()
            if (rfm_class := new.get(code, NO_PURCHASE)) != customer["rfm_class"]}


def apply(tenant_id: str, analysis_id: str, owner: str) -> str:
    """Write the analysis' classes to its customers; what happened, for the log."""
    header = analysis_store.get_header(tenant_id, analysis_id)
    if header is None or header["status"] != "saved":
        return "gone"
    if _saved_later(tenant_id, header):
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "superseded", "changed": 0})
        return "superseded"
    with tenant_lease(tenant_id, owner):
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "running", "changed": 0})
        try:
            changed = _write(tenant_id, analysis_id)
        except Exception:
            analysis_store.set_class_update(tenant_id, analysis_id, {"status": "failed", "changed": 0})
            raise
    # to the microsecond: the latest update decides which analysis the current classes come from
    analysis_store.set_class_update(tenant_id, analysis_id, {"status": "done", "changed": changed,
                                                             "finished_at": now_iso("microseconds")})
    return "done"


def _write(tenant_id: str, analysis_id: str) -> int:
    customers = customer_snapshot.all_of(tenant_id)
    moved = changes(tenant_id, analysis_id, customers)
    for code, rfm_class in moved.items():
        customers[code] = {**customers[code], "rfm_class": rfm_class}
    customer_store.put_many(tenant_id, [customers[code] for code in moved])
    if moved:
        customer_snapshot.save(tenant_id, customers)
    return len(moved)


def _saved_later(tenant_id: str, header: dict) -> bool:
    """Another analysis saved after this one decides the current classes instead."""
    return any((other["saved_at"] or "") > (header["saved_at"] or "") for other in analysis_store.saved_headers(tenant_id)
               if other["analysis_id"] != header["analysis_id"])
