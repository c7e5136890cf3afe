"""Rebuild the maintained counters from the stores, once (data that existed before the counters did).

Idempotent: it sets totals, never adds, so a second run changes nothing. It reads every tenant's stores, so it
is an operator's one-off (the local stack's seeding, or `python -c "from chalicelib.services.stats import
backfill; backfill.rebuild()"` after a deployment), never a request. Daily history is rebuilt only for
registrations (a tenant's created_at); customers and orders per day start with the counters.
"""
from collections import Counter
from datetime import datetime

from chalicelib.adapters import analysis_store, campaign_store, counters, customers, import_jobs, tenant_store
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.import_job_status import COMPLETED, ROLLED_BACK
from chalicelib.domain.stats.growth import china_day
from chalicelib.observability import logger


def rebuild() -> dict:
    """Set every tenant's totals, the platform's totals and the registrations per day; the platform totals."""
    tenants = tenant_store.list_tenants(None)
    platform: Counter[str] = Counter()
    for tenant in tenants:
        figures = tenant_figures(tenant.tenant_id)
        counters.set_totals(tenant.tenant_id, figures)
        platform.update(figures)
    totals = {name: platform.get(name, 0) for name in counters.METRICS}
    counters.set_totals(None, totals)
    per_day = Counter(china_day(datetime.fromisoformat(tenant.created_at)) for tenant in tenants)
    for day, registered in per_day.items():
        counters.set_day(day, {"tenants": registered})
    logger.info("counters rebuilt for %s tenants: %s", len(tenants), totals)
    return totals


def tenant_figures(tenant_id: str) -> dict:
    """What one tenant holds and did, read from its stores."""
    started = [c for c in campaign_store.list_campaigns(tenant_id) if c.get("started_at")]
    sent = sum(int(c.get("sent") or 0) for c in started)
    cost = sum(int(c.get("sent") or 0) * max(int(c.get("parts") or 1), 1) * int(c.get("price_li") or 0)
               for c in started)
    imports = [job for job in import_jobs.newest_first(tenant_id)
               if job.status in (COMPLETED, ROLLED_BACK) and not job.dry_run]
    return {"tenants": 1, "customers": customers.count(tenant_id), "orders": OrderStore(tenant_id).count(),
            "analyses": len(analysis_store.saved_headers(tenant_id)), "campaigns": len(started),
            "sms_sent": sent, "sms_cost_li": cost, "imports": len(imports)}
