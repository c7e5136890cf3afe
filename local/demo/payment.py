"""The local demo pharmacy pays for a year of 专业版 from its approval, so a long-lived local stack never stops it."""
from datetime import date, timedelta

from chalicelib.adapters import billing_store, tenant_store
from chalicelib.domain.billing.requests import PaymentRequest
from chalicelib.domain.schemas import parse
from chalicelib.services.billing import payments, status

DEMO_RECEIPT = "DEMO-0001"


def ensure_demo_payment(tenant_id: str, actor: str) -> None:
    """Record the demo's yearly payment once (nothing when it has any payment)."""
    tenant = tenant_store.get(tenant_id)
    if tenant is None or billing_store.payments(tenant_id):
        return
    start = status.approval_day(tenant)
    request = parse(PaymentRequest, {
        "amount_yuan": 9800, "period_start": start.isoformat(), "period_end": _year_after(start).isoformat(),
        "method": "对公转账", "receipt_no": DEMO_RECEIPT, "note": "演示企业的年费（本地演示数据）", "fee_plan": "pro",
    }, {"fee_plans": payments.plan_choices()})
    payments.record(tenant_id, request, actor)


def _year_after(start: date) -> date:
    """The last day of the year that begins on `start` (a 29 February start ends on 27 February)."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:
        return date(start.year + 1, 2, 28) - timedelta(days=1)
