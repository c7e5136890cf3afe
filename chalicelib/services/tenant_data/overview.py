"""数据管理: the tenants with their maintained figures (no S3 listing), and one tenant's full picture."""
from datetime import datetime, timezone

from chalicelib.adapters import counters, data_job_store, sms_usage, tenant_store, user_store
from chalicelib.services.paging import page_bounds
from chalicelib.services.tenant_data import deletion, storage
from chalicelib.services.tenant_data.jobs import CHINA, tenant_or_404, view
from chalicelib.services.tenant_view import STATUS_LABELS

SEARCHED = ("company_name", "username", "contact_name", "contact_phone", "license_no")


def _row(tenant, day: str) -> dict:
    totals = counters.tenant_totals(tenant.tenant_id)
    pending = data_job_store.open_job(tenant.tenant_id, "deletion")
    return {"tenant_id": tenant.tenant_id, "company_name": tenant.company_name, "username": tenant.username,
            "status": tenant.status, "status_label": STATUS_LABELS.get(tenant.status, tenant.status),
            "customers": totals.get("customers", 0), "orders": totals.get("orders", 0),
            "sms_this_month": sms_usage.used(tenant.tenant_id, day)[1],
            "deletion_due": pending.due_at if pending is not None and pending.status == "cooling" else None}


def list_tenants(q: str = "", page: int = 1, size: int = 20) -> dict:
    """Every tenant matching `q`, newest first, a page at a time with its customers, orders and SMS this month."""
    page, size, rows = page_bounds(page, size)
    needle = q.strip().lower()
    tenants = [t for t in tenant_store.list_tenants(None)
               if not needle or any(needle in (getattr(t, f) or "").lower() for f in SEARCHED)]
    tenants.sort(key=lambda t: t.created_at, reverse=True)
    day = datetime.now(timezone.utc).astimezone(CHINA).strftime("%Y-%m-%d")
    return {"items": [_row(t, day) for t in tenants[rows]], "total": len(tenants), "page": page, "size": size}


def tenant_data(tenant_id: str) -> dict:
    """What the tenant stores and used this month, its data jobs and the open deletion request."""
    tenant = tenant_or_404(tenant_id)
    found = data_job_store.of_tenant(tenant_id)
    names = user_store.display_names({job.requested_by for job in found})
    return {"company_name": tenant.company_name, "stored": storage.stored(tenant_id), "usage": storage.usage(tenant_id),
            "jobs": [view(job, names) for job in found[:20]], "deletion": deletion.current(tenant_id)}
