"""The 运营统计 home: totals, growth over 7 or 30 China days, waiting work and the top tenants."""
from chalicelib.adapters import counters, tenant_store
from chalicelib.domain.roles import PLAN_REVIEWER
from chalicelib.domain.stats.growth import WINDOWS, series
from chalicelib.domain.tenant_status import STATUSES
from chalicelib.errors import ValidationFailed
from chalicelib.services.campaigns.views import yuan as _yuan  # "12.35", half up, like campaign reports
from chalicelib.services.stats.waiting import waiting_work

GROWN = ("tenants", "customers", "orders")
TOP_N = 10


def stats(role: str, days: int = 7, today: str | None = None) -> dict:
    """The dashboard answer; plan reviewers get no fee or tenant-data figures (no overdue_fees, no top_tenants)."""
    if days not in WINDOWS:
        raise ValidationFailed("统计天数只能是 7 或 30", [{"field": "days", "message": "请选择近 7 天或近 30 天"}])
    totals = counters.platform_totals()
    by_status = {status: counters.tenants_with_status(status) for status in STATUSES}
    answer = {"totals": _totals(totals, by_status), "growth": _growth(totals, days, today),
              "waiting": waiting_work(with_fees=role != PLAN_REVIEWER)}
    if role != PLAN_REVIEWER:
        answer["top_tenants"] = top_tenants()
    return answer


def _totals(totals: dict, by_status: dict) -> dict:
    figures = {name: totals[name] for name in ("customers", "orders", "analyses", "campaigns", "sms_sent")}
    return {"tenants": {**by_status, "total": sum(by_status.values())}, **figures,
            "sms_cost_yuan": _yuan(totals["sms_cost_li"])}


def _growth(totals: dict, days: int, today: str | None) -> dict:
    per_day = counters.daily(GROWN, days, today)
    return {"days": per_day["days"],
            **{name: series(per_day["days"], per_day[name], totals[name]) for name in GROWN}}


def top_tenants() -> dict:
    """The top tenants by stored data (customers, then orders) and by SMS spend."""
    customers, orders = counters.ranking("customers"), counters.ranking("orders")
    by_data = sorted(set(customers) | set(orders), key=lambda t: (-customers.get(t, 0), -orders.get(t, 0), t))
    sent, cost = counters.ranking("sms_sent"), counters.ranking("sms_cost_li")
    by_spend = sorted(set(sent) | set(cost), key=lambda t: (-cost.get(t, 0), -sent.get(t, 0), t))
    names = _names(by_data[:TOP_N] + by_spend[:TOP_N])
    return {"data": [{"tenant_id": t, "company_name": names.get(t, ""), "customers": customers.get(t, 0),
                      "orders": orders.get(t, 0)} for t in by_data[:TOP_N]],
            "sms_spend": [{"tenant_id": t, "company_name": names.get(t, ""), "sms_sent": sent.get(t, 0),
                           "sms_cost_yuan": _yuan(cost.get(t, 0))} for t in by_spend[:TOP_N]]}


def _names(tenant_ids: list[str]) -> dict:
    names = {}
    for tenant_id in set(tenant_ids):
        tenant = tenant_store.get(tenant_id)
        names[tenant_id] = tenant.company_name if tenant else "（已删除的企业）"
    return names
