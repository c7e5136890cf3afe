"""Each customer's current class follows the saved analysis in force (domain/rfm/in_force.py).

A save, a 设为当前分类 or a deletion queues one message; the worker then decides which analysis
is in force and writes its classes, only to the customers whose class differs. The decision and
the writes happen under the tenant's import lease (imports write the same customer items and
snapshot), on a consistent read of the headers: two updates never interleave, and whichever runs
last decided on every save before it, so concurrent saves cannot leave the wrong classes behind.
A customer the analysis did not see (no purchase in its window) becomes 无购买; with no saved
analysis left, every customer goes back to 未分析.
"""
from chalicelib import config
from chalicelib.adapters import analysis_store, customer_snapshot, customer_store, queues
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.clock import now_iso
from chalicelib.domain.rfm.in_force import in_force
from chalicelib.domain.rfm_classes import CLASS_NAMES, NO_PURCHASE
from chalicelib.services.import_lease import tenant_lease

PENDING = {"status": "pending", "changed": 0}
UNSETTLED = ("pending", "running", "done")  # statuses that say "these classes are (to be) the current ones"


def queue(tenant_id: str, analysis_id: str) -> None:
    """Ask the worker to bring the classes in line after `analysis_id` was saved, set as current or deleted."""
    queues.send(config.analysis_queue_url(), {"type": "apply", "tenant_id": tenant_id, "analysis_id": analysis_id})


def changes(tenant_id: str, analysis_id: str | None, customers: dict[str, dict] | None = None) -> dict[str, str | None]:
    """customer_code -> new class, for the customers whose current class the analysis changes (None: 未分析)."""
    customers = customer_snapshot.all_of(tenant_id) if customers is None else customers
    if analysis_id is None:
        new, otherwise = {}, None
    else:
        result = ResultStore(tenant_id).read(analysis_id)
        if result is None:  # deleted meanwhile: the message its deletion queued settles the classes
            return {}
        new = dict(zip(result["customer_code"].tolist(), (CLASS_NAMES[i] for i in result["rfm_class"].tolist())))
        otherwise = NO_PURCHASE
    return {code: rfm_class for code, customer in customers.items()
            if (rfm_class := new.get(code, otherwise)) != customer["rfm_class"]}


def apply(tenant_id: str, analysis_id: str | None, owner: str) -> str:
    """Write the classes of the analysis in force to the customers; what happened, for the log.

    `analysis_id` is the analysis whose save, pin or deletion queued this; it may not be in force."""
    with tenant_lease(tenant_id, owner):
        headers = {h["analysis_id"]: h for h in analysis_store.saved_headers(tenant_id)}
        current = in_force(list(headers.values()))
        for other in headers.values():
            if other["analysis_id"] != current and (other["class_update"] or {}).get("status") in UNSETTLED:
                analysis_store.set_class_update(tenant_id, other["analysis_id"],
                                                {**other["class_update"], "status": "superseded"})
        if current is None:
            return f"cleared {_write(tenant_id, None)}"
        return _apply(tenant_id, headers[current])


def _apply(tenant_id: str, header: dict) -> str:
    analysis_id, settled = header["analysis_id"], (header["class_update"] or {}).get("status") == "done"
    if not settled:
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "running", "changed": 0})
    try:
        changed = _write(tenant_id, analysis_id)
    except Exception:
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "failed", "changed": 0})
        raise
    if not settled:  # an analysis already in force keeps the count of its own update
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "done", "changed": changed,
                                                                 "finished_at": now_iso("microseconds")})
    return f"{analysis_id} in force, {changed} changed"


def _write(tenant_id: str, analysis_id: str | None) -> int:
    customers = customer_snapshot.all_of(tenant_id)
    moved = changes(tenant_id, analysis_id, customers)
    for code, rfm_class in moved.items():
        customers[code] = {**customers[code], "rfm_class": rfm_class}
    customer_store.put_many(tenant_id, [customers[code] for code in moved])
    if moved:
        customer_snapshot.save(tenant_id, customers)
    return len(moved)
