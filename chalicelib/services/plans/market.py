"""What a tenant sees of plans: the market, a plan's detail and download, suggestions, its own submissions."""
from chalicelib.adapters import plan_store, tenant_store
from chalicelib.domain.calendar_events import upcoming
from chalicelib.domain.plans import visibility
from chalicelib.domain.plans.status import APPROVED, STATUSES
from chalicelib.domain.rfm.params import china_today
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.errors import NotFound, ValidationFailed
from chalicelib.services.campaigns import plan_results
from chalicelib.services.paging import page_bounds
from chalicelib.services.plans import attachments, dictionaries, usage, views

SUGGESTED_PER_CLASS = 3
EVENT_WINDOW_DAYS = 30
SORTS = {"newest": lambda p: (p.get("reviewed_at") or p["created_at"],), "uses": lambda p: (p["uses"], p["created_at"])}


def market(tenant_id: str, rfm_class: str = "", event: str = "", q: str = "", sort: str = "newest",
           page: int = 1, size: int = 12) -> dict:
    """Approved plans the tenant may use, filtered, sorted and paged."""
    if sort not in SORTS:
        raise ValidationFailed("排序方式只能是最新（newest）或最常用（uses）")
    plans = [p for p in _market_plans(tenant_id)
             if (not rfm_class or rfm_class in p["target_classes"]) and (not event or p["event"] == event)
             and visibility.mentions(p, q.strip(), ("name", "summary", "event", "description"))]
    plans.sort(key=SORTS[sort], reverse=True)
    page, size, rows = page_bounds(page, size)
    return {"items": [views.card(p, tenant_id) for p in plans[rows]], "total": len(plans), "page": page, "size": size}


def detail(tenant_id: str, plan_id: str) -> dict:
    plan = _visible_plan(tenant_id, plan_id)
    usage.record(plan, tenant_id, "view")
    return {**views.detail(plan, attachments.html_of(plan), tenant_id), "measured": plan_results.measured(plan_id)}


def download(tenant_id: str, plan_id: str) -> dict:
    plan = _visible_plan(tenant_id, plan_id)
    if not plan.get("attachment_key"):
        raise NotFound("该方案没有附件", code="NO_ATTACHMENT")
    usage.record(plan, tenant_id, "download")
    return {"url": attachments.download_url(plan), "filename": plan["attachment_name"]}


def suggestions(tenant_id: str, rfm_class: str = "") -> dict:
    """Top plans per class (upcoming event first, then the tenant's own industry, then most used) and the coming
    events with a plan each."""
    if rfm_class and rfm_class not in CLASS_NAMES:
        raise ValidationFailed(f"未知的客户分类：{rfm_class}")
    industry, today = _industry(tenant_id), china_today()
    coming = upcoming(dictionaries.events(), today, EVENT_WINDOW_DAYS)
    days_until = {rule.name: (day - today).days for rule, day in coming}
    plans = visibility.suggestion_order(_market_plans(tenant_id, industry), industry, days_until)
    classes = {name: [views.card(p, tenant_id) for p in visibility.for_class(plans, name, SUGGESTED_PER_CLASS)]
               for name in ([rfm_class] if rfm_class else CLASS_NAMES)}
    events = [{"event": rule.name, "date": day.isoformat(), "days_until": days_until[rule.name],
               "plan": _card_or_none(visibility.for_event(plans, rule.name), tenant_id)} for rule, day in coming]
    return {"classes": classes, "events": events}


def mine(tenant_id: str, status: str = "", page: int = 1, size: int = 20) -> dict:
    if status and status not in STATUSES:
        raise ValidationFailed("未知的方案状态")
    plans = [p for p in plan_store.by_author(tenant_id) if not status or p["status"] == status]
    plans.sort(key=lambda p: p["updated_at"], reverse=True)
    page, size, rows = page_bounds(page, size)
    return {"items": [views.with_status(p, tenant_id) for p in plans[rows]], "total": len(plans)}


def _market_plans(tenant_id: str, industry: str | None = None) -> list[dict]:
    industry = industry if industry is not None else _industry(tenant_id)
    return [p for p in plan_store.with_status(APPROVED) if visibility.visible_to(p, tenant_id, industry)]


def _visible_plan(tenant_id: str, plan_id: str) -> dict:
    plan = plan_store.get(plan_id)
    if plan is None or not visibility.visible_to(plan, tenant_id, _industry(tenant_id)):
        raise NotFound("方案不存在或已下架")
    return plan


def _card_or_none(plan: dict | None, tenant_id: str) -> dict | None:
    return views.card(plan, tenant_id) if plan else None


def _industry(tenant_id: str) -> str:
    tenant = tenant_store.get(tenant_id)
    return tenant.industry if tenant else ""

