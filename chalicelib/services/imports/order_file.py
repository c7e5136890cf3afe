"""Apply a validated order file: skip orders seen before, park unknown customers, store one batch, refresh
each customer's lifetime figures."""
import numpy as np

from chalicelib.adapters import customers
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.order_rows import LABELS
from chalicelib.domain.table import RowIssue, Validated
from chalicelib.services import lifetime
from chalicelib.services.campaigns import plan_results
from chalicelib.services.imports.outcome import ISSUES_KEPT, Outcome

ORDER_COLUMNS = ["order_id", "customer_code", "ordered_at", "amount_fen"]


def apply(tenant_id: str, import_id: str, validated: Validated, dry_run: bool, progress) -> Outcome:
    """The batch's ID is the import ID, so a retried import replaces its own batch instead of adding one."""
    store = OrderStore(tenant_id)
    frame = validated.frame
    seen = store.existing(frame["order_id"])
    progress(0.3)
    fresh = frame[~seen]
    known = customers.known(tenant_id, fresh["customer_code"].to_numpy())
    parked = fresh[~known]
    progress(0.4)
    if not dry_run and len(fresh):
        columns = ORDER_COLUMNS + (["store"] if "store" in fresh else [])
        store.write_batch(import_id, fresh[columns], unknown_codes=np.unique(parked["customer_code"].to_numpy()))
        progress(0.8)
        lifetime.refresh(tenant_id)
        plan_results.refresh_after_import(tenant_id)
    progress(1.0)
    skipped = list(validated.skipped) + _issues(frame[seen], "order_id", "该订单编号此前已导入，" +
                                                ("正式导入时将跳过" if dry_run else "已跳过"))
    parking = "正式导入时订单将暂存（试运行，未写入）" if dry_run else "订单已暂存"
    warnings = _issues(parked, "customer_code", f"客户编码尚未导入，{parking}；导入该客户后自动关联")
    counts = {"new": len(fresh), "skipped": len(validated.skipped) + int(seen.sum()), "warnings": len(parked)}
    return Outcome(counts, warnings=warnings, skipped=skipped)


def _issues(rows, field: str, message: str) -> list[RowIssue]:
    shown = rows.head(ISSUES_KEPT)
    return [RowIssue(int(row), LABELS[field], f"{value}：{message}") for row, value in zip(shown["row"], shown[field])]
