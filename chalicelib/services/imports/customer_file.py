"""Apply a validated customer file: upsert changed rows only, attach parked orders, log consent changes."""

import numpy as np
import pandas as pd

from chalicelib.adapters import consent_log, customer_store
from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.adapters.order_store import CustomerCodeIndex, OrderStore
from chalicelib.clock import now_iso
from chalicelib.domain.customer_columns import day_texts
from chalicelib.domain.customer_records import RECORD_COLUMNS, records
from chalicelib.domain.table import Validated
from chalicelib.observability import logger
from chalicelib.services import lifetime
from chalicelib.services.imports.outcome import Outcome
from chalicelib.services.sms import opt_outs


def apply(tenant_id: str, import_id: str, validated: Validated, dry_run: bool, progress) -> Outcome:
    """New codes are created, changed ones updated (absent columns keep their values), equal ones untouched."""
    table = CustomerTable(tenant_id)
    stored = table.read(RECORD_COLUMNS)
    fields = [name for name in validated.fields if name not in ("customer_code", "row")]
    frame = validated.frame
    incoming = {name: _incoming(name, frame[name]) for name in fields}
    codes = frame["customer_code"].to_numpy(dtype=str)
    at = np.searchsorted(stored["customer_code"], codes)
    exists = at < len(stored)
    exists[exists] = stored["customer_code"][at[exists]] == codes[exists]
    differs = np.zeros(len(codes), dtype=bool)
    for name in fields:
        differs[exists] |= _stored(stored, name, at[exists]) != incoming[name][exists]
    new_rows, changed_rows = np.flatnonzero(~exists), np.flatnonzero(differs)
    counts = {"new": len(new_rows), "updated": len(changed_rows),
              "unchanged": len(codes) - len(new_rows) - len(changed_rows), "attached": 0}
    if dry_run or not (len(new_rows) or len(changed_rows)):
        return Outcome(counts)
    now = now_iso()
    before = records(stored, at[changed_rows])
    created = [{**customer_store.BLANK, "customer_code": codes[i], **_values(incoming, i), "created_at": now,
                "updated_at": now, "last_import_id": import_id} for i in new_rows.tolist()]
    changed = [{**old, **_values(incoming, i), "updated_at": now, "last_import_id": import_id}
               for old, i in zip(before, changed_rows.tolist())]
    _write_all_or_restore(tenant_id, created, changed, {c["customer_code"]: c for c in before}, progress)
    table.upsert(created + changed, current=None if len(stored) else stored)
    events = consent_events(created, changed, before, import_id)
    consent_log.record(tenant_id, events)
    opt_outs.from_import(tenant_id, events)
    new_codes = [customer["customer_code"] for customer in created]
    CustomerCodeIndex(tenant_id).add(new_codes)
    counts["attached"] = OrderStore(tenant_id).attach(new_codes)
    if created:
        lifetime.refresh(tenant_id)
    return Outcome(counts)


def consent_events(created: list[dict], changed: list[dict], before: list[dict], import_id: str) -> list[dict]:
    """One event per customer whose consent changed; a new customer counts as a change only when it consents."""
    at = now_iso()
    moved = [c for c in created if c["sms_consent"]] + [
        c for c, old in zip(changed, before) if c["sms_consent"] != old["sms_consent"]]
    return [{"customer_code": c["customer_code"], "mobile": c["mobile"], "sms_consent": c["sms_consent"],
             "source": "import", "source_ref": import_id, "by": "", "at": at} for c in moved]


def _incoming(name: str, values: pd.Series) -> np.ndarray:
    """The file's values in the form compared with the table (tags: one joined string per row)."""
    if name == "sms_consent":
        return values.fillna(False).to_numpy(dtype=bool)
    return values.fillna("").astype(str).to_numpy(dtype=object)


def _stored(stored, name: str, index: np.ndarray) -> np.ndarray:
    if name == "tags":
        return np.asarray([",".join(tags) for tags in stored["tags"].take(index).lists(len(index))], dtype=object)
    if name == "birthday":
        return day_texts(stored["birthday"][index]).astype(object)
    if name == "store":
        return stored["imported_store"][index].astype(object)
    column = stored[name][index]
    return column if name == "sms_consent" else column.astype(object)


def _values(incoming: dict, i: int) -> dict:
    """Row i of the file in customer_store's form."""
    values = {name: column[i] for name, column in incoming.items()}
    if "tags" in values:
        values["tags"] = [tag for tag in values["tags"].split(",") if tag]
    if "sms_consent" in values:
        values["sms_consent"] = bool(values["sms_consent"])
    return values


def _write_all_or_restore(tenant_id, created, changed, before, progress) -> None:
    """Either every row is written or (best effort) the customers are put back as they were."""
    rows = created + changed
    written = 0

    def note(count):
        nonlocal written
        written = count
        progress(count / len(rows))

    try:
        customer_store.put_many(tenant_id, rows, on_written=note)
    except Exception:
        logger.exception("customer import for %s failed after %d of %d rows; restoring", tenant_id, written, len(rows))
        touched = rows[:written + customer_store.WRITE_CHUNK]  # the failed chunk may be partly written
        customer_store.delete_many(tenant_id, [c["customer_code"] for c in touched if c["customer_code"] not in before])
        customer_store.put_many(tenant_id, [before[c["customer_code"]] for c in touched if c["customer_code"] in before])
        raise
