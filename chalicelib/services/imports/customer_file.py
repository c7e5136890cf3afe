"""Apply a validated customer file: upsert changed rows only, attach parked orders, log consent changes."""

import numpy as np
import pandas as pd

from chalicelib.adapters import consent_log, customers
from chalicelib.adapters.order_store import OrderStore
from chalicelib.clock import now_iso
from chalicelib.domain.customer_columns import day_texts
from chalicelib.domain.customer_records import RECORD_COLUMNS, records
from chalicelib.domain.table import Validated
from chalicelib.services import lifetime, platform_settings
from chalicelib.services.imports.outcome import Outcome
from chalicelib.services.sms import opt_outs


def apply(tenant_id: str, import_id: str, validated: Validated, dry_run: bool, progress, *,
          customers=customers) -> Outcome:
    """New codes are created, changed ones updated (absent columns keep their values), equal ones untouched."""
    stored = customers.columns(tenant_id, RECORD_COLUMNS)
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
    notices = _past_plan(tenant_id, len(stored["customer_code"]), len(new_rows), dry_run)
    if dry_run or not (len(new_rows) or len(changed_rows)):
        return Outcome(counts, notices=notices)
    now = now_iso()
    before = records(stored, at[changed_rows])
    created = [{**customers.BLANK, "customer_code": codes[i], **_values(incoming, i), "created_at": now,
                "updated_at": now, "last_import_id": import_id} for i in new_rows.tolist()]
    changed = [{**old, **_values(incoming, i), "updated_at": now, "last_import_id": import_id}
               for old, i in zip(before, changed_rows.tolist())]
    customers.save_profiles(tenant_id, created, changed, before, stored,
                            on_written=lambda count: progress(count / (len(created) + len(changed))))
    events = consent_events(created, changed, before, import_id)
    consent_log.record(tenant_id, events)
    opt_outs.from_import(tenant_id, events)
    counts["attached"] = OrderStore(tenant_id).attach([customer["customer_code"] for customer in created])
    if created:
        lifetime.refresh(tenant_id, customers=customers)
    return Outcome(counts, notices=notices)


def _past_plan(tenant_id: str, stored: int, new: int, dry_run: bool) -> list[str]:
    """A notice when the new customers take the tenant past its fee plan's customer limit. The limit is soft: the
    customers are kept (a shop's own data is never refused for billing), the notice and 企业资料 say to upgrade."""
    plan, limit = platform_settings.tenant_customer_limit(tenant_id)
    if not (new and limit and stored + new > limit):
        return []
    after = "导入后将有" if dry_run else "导入后共有"
    return [f"已超出套餐“{plan}”的客户数上限 {limit:,} 位（{after} {stored + new:,} 位）：请联系平台升级套餐"]


def consent_events(created: list[dict], changed: list[dict], before: list[dict], import_id: str) -> list[dict]:
    """One event per customer whose consent changed; a new customer counts as a change only when it consents."""
    at = now_iso("milliseconds")
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
    """Row i of the file as the repository holds a customer."""
    values = {name: column[i] for name, column in incoming.items()}
    if "tags" in values:
        values["tags"] = [tag for tag in values["tags"].split(",") if tag]
    if "sms_consent" in values:
        values["sms_consent"] = bool(values["sms_consent"])
    return values

