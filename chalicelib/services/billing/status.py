"""A tenant's fee state as the rest of the product asks for it (issue 13 contract; the billing work fills it in)."""
from datetime import date


def billing_of(tenant_id: str, today: date | None = None) -> dict:
    """{state, state_label, fee_plan, fee_plan_name, trial_ends, paid_until, grace_ends, days_left, banner,
    contact_phone} for the tenant today (China date)."""
    return {"state": "active", "state_label": "正常", "fee_plan": None, "fee_plan_name": "", "trial_ends": None,
            "paid_until": None, "grace_ends": None, "days_left": None, "banner": None, "contact_phone": ""}


def require_active(tenant_id: str, action: str) -> None:
    """Raise Forbidden (code SUBSCRIPTION_STOPPED) naming `action` (e.g. "导入数据") when the tenant is 已停用."""


def refresh_all(today: date | None = None) -> list[dict]:
    """Derive and store every approved tenant's state; each tenant's billing_of() plus tenant_id, company_name,
    contact_phone and previous_state (what was stored before)."""
    return []


def overdue_count() -> int:
    """Tenants in 宽限期 or 已停用 (as last stored by refresh_all or a payment)."""
    return 0
