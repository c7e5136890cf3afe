"""A plan's measured results: its campaigns' figures, refreshed when orders arrive, pooled over every tenant."""
import time
from datetime import datetime, timezone

from chalicelib.adapters import campaign_store, plan_result_store
from chalicelib.observability import logger
from chalicelib.services.campaigns import outcomes, report
from chalicelib.services.campaigns.outcomes import DAY, WINDOWS

REFRESH_DAYS = 60  # a campaign's 30-day window plus time for its orders to be imported


def refresh_tenant(tenant_id: str, *, campaigns=campaign_store, results=plan_result_store, measure=report.measure,
                   now: int | None = None) -> int:
    """Re-measure the tenant's plan campaigns started in the last 60 days; how many were filed."""
    now = int(time.time()) if now is None else now
    since = datetime.fromtimestamp(now - REFRESH_DAYS * DAY, timezone.utc).isoformat(timespec="seconds")
    filed = 0
    for campaign in campaigns.list_campaigns(tenant_id):
        if campaign.get("plan_id") and (campaign.get("started_at") or "") >= since:
            measured = measure(tenant_id, campaign, now=now)
            if measured:
                results.upsert(campaign["plan_id"], tenant_id, campaign["campaign_id"], measured)
                filed += 1
    return filed


def refresh_after_import(tenant_id: str) -> None:
    """The order-import hook: results are a derived view, so a failure here must not fail the import."""
    try:
        refresh_tenant(tenant_id)
    except Exception:  # noqa: BLE001 - logged; the next import or report files them again
        logger.exception("plan results of tenant %s not refreshed", tenant_id)


def measured(plan_id: str, *, results=plan_result_store) -> dict | None:
    """Pooled over every campaign with a control group whose window is complete; None when none used the plan."""
    rows = results.for_plan(plan_id)
    if not rows:
        return None
    return {"campaigns": len(rows), "tenants": len({row["tenant_id"] for row in rows}),
            "outcome": {str(days): _pooled(days, [row["figures"][str(days)] for row in rows]) for days in WINDOWS}}


def _pooled(days: int, windows: list[dict]) -> dict:
    usable = [w for w in windows if w["complete"] and w["control"]["n"] and w["sent"]["n"]]
    sent = outcomes.pool([w["sent"] for w in usable])
    control = outcomes.pool([w["control"] for w in usable])
    note = f"合计 {len(usable)} 次设对照组且满 {days} 天、订单已导入的活动" if usable else \
        f"还没有设对照组且满 {days} 天、订单已导入的活动"
    shown = outcomes.window_view(days, sent, control, bool(usable), note)
    return shown if usable else {**shown, "verdict_note": note}
