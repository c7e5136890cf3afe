"""Apply a validated customer file: upsert changed rows only, attach parked orders."""
import logging

from chalicelib.adapters import customer_snapshot, customer_store
from chalicelib.adapters.order_store import CustomerCodeIndex, OrderStore
from chalicelib.clock import now_iso
from chalicelib.domain.table import Validated
from chalicelib.services.import_outcome import Outcome

log = logging.getLogger(__name__)


def apply(tenant_id: str, import_id: str, validated: Validated, dry_run: bool, progress) -> Outcome:
    """New codes are created, changed ones updated (absent columns keep their values), equal ones untouched."""
    stored = customer_snapshot.all_of(tenant_id)
    fields = [name for name in validated.fields if name not in ("customer_code", "row")]
    now = now_iso()
    created, changed = [], []
    for row in validated.frame.to_dict("records"):
        incoming = {name: _stored_form(name, row[name]) for name in fields}
        before = stored.get(row["customer_code"])
        if before is None:
            created.append({**customer_store.BLANK, "customer_code": row["customer_code"], **incoming,
                            "created_at": now, "updated_at": now, "last_import_id": import_id})
        elif any(before.get(name) != value for name, value in incoming.items()):
            changed.append({**before, **incoming, "updated_at": now, "last_import_id": import_id})
    counts = {"new": len(created), "updated": len(changed),
              "unchanged": len(validated.frame) - len(created) - len(changed), "attached": 0}
    if not dry_run and (created or changed):
        _write_all_or_restore(tenant_id, created, changed, stored, progress)
        customer_snapshot.save(tenant_id, {**stored, **{c["customer_code"]: c for c in created + changed}})
        new_codes = [customer["customer_code"] for customer in created]
        CustomerCodeIndex(tenant_id).add(new_codes)
        counts["attached"] = OrderStore(tenant_id).attach(new_codes)
    return Outcome(counts)


def _stored_form(name: str, value):
    if name == "tags":
        return [tag for tag in (value or "").split(",") if tag]
    if name == "sms_consent":
        return bool(value)
    return "" if value is None else str(value)


def _write_all_or_restore(tenant_id, created, changed, stored, progress) -> None:
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
        log.exception("customer import for %s failed after %d of %d rows; restoring", tenant_id, written, len(rows))
        touched = rows[:written + customer_store.WRITE_CHUNK]  # the failed chunk may be partly written
        customer_store.delete_many(tenant_id, [c["customer_code"] for c in touched if c["customer_code"] not in stored])
        customer_store.put_many(tenant_id, [stored[c["customer_code"]] for c in touched if c["customer_code"] in stored])
        raise
