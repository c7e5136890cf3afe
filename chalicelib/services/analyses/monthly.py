"""The monthly automatic analysis: one message per approved tenant, then one snapshot per tenant and month."""
from datetime import date, datetime

from chalicelib import config
from chalicelib.adapters import analysis_store, queues, tenant_store
from chalicelib.domain.rfm.params import china_today, monthly_params
from chalicelib.domain.tenant_status import APPROVED
from chalicelib.errors import Unprocessable
from chalicelib.observability import logger
from chalicelib.services.analyses import run as analysis_run
from chalicelib.services.billing import status as billing_status


def fan_out(now: datetime | None = None) -> int:
    """Queue the month's analysis of every approved tenant not 已停用; how many were queued."""
    today = china_today(now).isoformat()
    tenants = [t for t in tenant_store.list_tenants(APPROVED) if not billing_status.is_stopped(t.tenant_id)]
    for tenant in tenants:
        queues.send(config.analysis_queue_url(), {"type": "monthly", "tenant_id": tenant.tenant_id, "today": today})
    return len(tenants)


def monthly_id(today: date) -> str:
    """One snapshot per tenant and month: the ID is the month the window ends in."""
    return f"monthly-{monthly_params(today).end:%Y-%m}"


def run(tenant_id: str, today: date) -> str:
    """Save the tenant's monthly snapshot unless it exists; what happened, for the log."""
    if billing_status.is_stopped(tenant_id):  # stopped after the fan-out queued it
        return "stopped"
    analysis_id = monthly_id(today)
    existing = analysis_store.get_header(tenant_id, analysis_id)
    if existing and existing["status"] == "saved":
        return "exists"
    try:
        analysis_run.run_and_save(tenant_id, monthly_params(today), "系统（每月自动分析）", kind="monthly",
                                  analysis_id=analysis_id)
    except Unprocessable as error:
        logger.info("monthly analysis of %s skipped: %s", tenant_id, error.message)
        return "no_purchases"
    return "saved"
