"""Which plans a tenant sees, which a keyword finds, and in what order they are suggested."""
from chalicelib.domain.calendar_events import ALL_INDUSTRIES
from chalicelib.domain.plans.status import APPROVED

FAR = 10_000  # days: an event without a coming date sorts after every coming one


def visible_to(plan: dict, tenant_id: str, industry: str) -> bool:
    """A tenant sees its own plans in any state, and approved shared plans of its industry or of every industry."""
    if plan.get("author_tenant_id") == tenant_id:
        return True
    return plan["status"] == APPROVED and plan["shared"] and plan["industry"] in (industry, ALL_INDUSTRIES)


def suggestion_order(plans: list[dict], industry: str, days_until: dict[str, int]) -> list[dict]:
    """Plans whose event comes soonest first, then those written for the tenant's own industry (not only for
    every industry), then the most used."""
    return sorted(plans, key=lambda p: (days_until.get(p["event"], FAR), p["industry"] != industry, -p["uses"],
                                        p["name"]))


def for_class(plans: list[dict], rfm_class: str, limit: int) -> list[dict]:
    return [plan for plan in plans if rfm_class in plan["target_classes"]][:limit]


def for_event(plans: list[dict], event: str) -> dict | None:
    return next((plan for plan in plans if plan["event"] == event), None)


def mentions(plan: dict, q: str, fields: tuple[str, ...]) -> bool:
    """Keyword search: `q` (any case) in one of `fields`; an empty `q` matches every plan."""
    return not q or any(q.lower() in (plan.get(field) or "").lower() for field in fields)
