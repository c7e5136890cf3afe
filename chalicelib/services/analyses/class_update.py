"""Each customer's current class follows the saved analysis in force (domain/rfm/in_force.py).

A save, a 设为当前分类 or a deletion queues one message; the worker then decides which analysis
is in force and writes its classes, only to the customers whose class differs. The decision and
the writes happen under the tenant's import lease (imports write the same customer items and
table), on a consistent read of the headers: two updates never interleave, and whichever runs
last decided on every save before it, so concurrent saves cannot leave the wrong classes behind.
A customer the analysis did not see (no purchase in its window) becomes 无购买; with no saved
analysis left, every customer goes back to 未分析.
"""
import numpy as np
import pandas as pd

from chalicelib import config
from chalicelib.adapters import analysis_store, customers, queues
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.clock import now_iso
from chalicelib.domain.customer_columns import NOT_ANALYSED_INDEX
from chalicelib.domain.customer_records import RECORD_COLUMNS
from chalicelib.domain.rfm.in_force import in_force
from chalicelib.domain.rfm_classes import CLASS_LABELS, NO_PURCHASE
from chalicelib.observability import add_metric
from chalicelib.services.imports.lease import tenant_lease

PENDING = {"status": "pending", "changed": 0}
UNSETTLED = ("pending", "running", "done")  # statuses that say "these classes are (to be) the current ones"


def queue(tenant_id: str, analysis_id: str) -> None:
    """Ask the worker to bring the classes in line after `analysis_id` was saved, set as current or deleted."""
    queues.send(config.analysis_queue_url(), {"type": "apply", "tenant_id": tenant_id, "analysis_id": analysis_id})


def changes(tenant_id: str, analysis_id: str | None, columns=None, *, customers=customers) -> dict[str, str | None]:
    """customer_code -> new class, for the customers whose current class the analysis changes (None: 未分析)."""
    columns = customers.columns(tenant_id, ["rfm_class"]) if columns is None else columns
    new = _classes(tenant_id, analysis_id, columns["customer_code"])
    if new is None:  # deleted meanwhile: the message its deletion queued settles the classes
        return {}
    moved = np.flatnonzero(new != columns["rfm_class"])
    return {code: None if index == NOT_ANALYSED_INDEX else CLASS_LABELS[index]
            for code, index in zip(columns["customer_code"][moved].tolist(), new[moved].tolist())}


def _classes(tenant_id: str, analysis_id: str | None, codes: np.ndarray) -> np.ndarray | None:
    """Each customer's class under the analysis (index into CLASS_LABELS); None when its results are gone."""
    if analysis_id is None:
        return np.full(len(codes), NOT_ANALYSED_INDEX, dtype=np.int8)
    result = ResultStore(tenant_id).read(analysis_id)
    if result is None:
        return None
    at = pd.Index(result["customer_code"]).get_indexer(codes)
    seen = result["rfm_class"].to_numpy(dtype=np.int8)  # CLASS_NAMES come first in CLASS_LABELS
    return np.where(at >= 0, seen[at], CLASS_LABELS.index(NO_PURCHASE)).astype(np.int8)


def apply(tenant_id: str, analysis_id: str | None, owner: str, *, customers=customers) -> str:
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
            return f"cleared {_write(tenant_id, None, customers)}"
        return _apply(tenant_id, headers[current], customers)


def _apply(tenant_id: str, header: dict, customers) -> str:
    analysis_id, settled = header["analysis_id"], (header["class_update"] or {}).get("status") == "done"
    if not settled:
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "running", "changed": 0})
    try:
        changed = _write(tenant_id, analysis_id, customers)
    except Exception:
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "failed", "changed": 0})
        raise
    if not settled:  # an analysis already in force keeps the count of its own update
        analysis_store.set_class_update(tenant_id, analysis_id, {"status": "done", "changed": changed,
                                                                 "finished_at": now_iso("microseconds")})
        add_metric("ClassUpdates", 1)
    return f"{analysis_id} in force, {changed} changed"


def _write(tenant_id: str, analysis_id: str | None, customers) -> int:
    columns = customers.columns(tenant_id, RECORD_COLUMNS)
    new = _classes(tenant_id, analysis_id, columns["customer_code"])
    if new is None:
        return 0
    moved = np.flatnonzero(new != columns["rfm_class"])
    if moved.size:
        labels = [None if index == NOT_ANALYSED_INDEX else CLASS_LABELS[index] for index in new[moved].tolist()]
        customers.set_classes(tenant_id, columns, moved, new, labels)
    return len(moved)
