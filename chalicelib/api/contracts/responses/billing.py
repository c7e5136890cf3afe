"""Fees: a tenant's billing state, payments, the staff's fee list."""
from chalicelib.api.contracts.responses.common import Number, Page, Shape, Text


class Billing(Shape):
    state: str
    state_label: str
    fee_plan: str
    fee_plan_name: Text = None
    trial_ends: Text = None
    paid_until: Text = None
    grace_ends: Text = None
    days_left: int | None = None
    banner: dict | None = None
    contact_phone: Text = None


class Payment(Shape):
    """A tenant's own view leaves out `note`, `recorded_by` and `recorded_by_name`."""
    payment_id: str
    order_id: Text = None
    amount_yuan: Number
    period_start: str
    period_end: str
    method: Text = None
    receipt_no: Text = None
    fee_plan: Text = None
    fee_plan_name: Text = None
    created_at: Text = None
    voided: bool
    void_reason: Text = None


class FeePlan(Shape):
    code: str
    name: str
    price_yuan: Number
    months: int
    customer_limit: int
    sms_per_month: int


class MyBillingResponse(Shape):
    billing: Billing
    fee_plan: FeePlan | None = None
    payments: list[Payment] = []


class BillingResponse(Shape):
    billing: Billing


class TenantPayments(Shape):
    billing: Billing
    payments: list[Payment]
    fee_plans: list[FeePlan]


class PaymentRecorded(Shape):
    billing: Billing
    payment: Payment


class FeeRow(Shape):
    tenant_id: str
    company_name: str
    contact_name: Text = None
    contact_phone: Text = None
    fee_plan: Text = None
    fee_plan_name: Text = None
    state: str
    state_label: str
    trial_ends: Text = None
    paid_until: Text = None
    days_left: int | None = None
    last_payment: dict | None = None


class FeeList(Page):
    items: list[FeeRow]
    counts: dict[str, int]
