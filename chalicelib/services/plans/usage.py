"""Counting what tenants do with plans, once per tenant, kind and day (China time)."""
from chalicelib.adapters import plan_usage, tenant_store
from chalicelib.clock import now_iso
from chalicelib.domain.plans.status import APPROVED
from chalicelib.domain.rfm.params import china_today


def record(plan: dict, tenant_id: str, kind: str) -> bool:
    """Count a view, download or campaign use of a market plan; the author's own use is not counted."""
    if plan["status"] != APPROVED or plan.get("author_tenant_id") == tenant_id:
        return False
    return plan_usage.record(plan["plan_id"], tenant_id, kind, china_today().isoformat(), now_iso())


def of_plan(plan: dict) -> dict:
    """Totals and who used the plan when, newest first, with company names."""
    items = plan_usage.of_plan(plan["plan_id"])
    names = {}
    for item in items:
        if item["tenant_id"] not in names:
            tenant = tenant_store.get(item["tenant_id"])
            names[item["tenant_id"]] = tenant.company_name if tenant else "（已删除的企业）"
        item["company_name"] = names[item["tenant_id"]]
    return {"totals": {name: plan[name] for name in ("views", "downloads", "uses")}, "items": items}
