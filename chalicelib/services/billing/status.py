"""A tenant's fee state as the rest of the product asks for it (issue 13 contract)."""
from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.adapters import billing_store, tenant_store
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.domain.billing.states import (
    GRACE,
    NONE,
    STATE_LABELS,
    STOPPED,
    FeeState,
    china_date,
    china_today,
    derive,
    trial_period,
)
from chalicelib.domain.tenant_status import APPROVED, DISABLED
from chalicelib.errors import Forbidden, NotFound
from chalicelib.services import platform_settings
from chalicelib.services.billing.banner import banner

BILLED_STATUSES = (APPROVED, DISABLED)  # tenants that were approved once


@dataclass(frozen=True)
class Terms:
    """The platform settings and fee plans a fee state depends on: read once per request or run, not per tenant."""

    settings: dict
    fee_plans: list[dict]

    def plan(self, code: str) -> dict | None:
        return next((plan for plan in self.fee_plans if plan["code"] == code), None)


def current_terms() -> Terms:
    return Terms(platform_settings.settings(), platform_settings.fee_plans())


def approval_day(tenant: Tenant) -> date:
    """Approval day (China date); for tenants approved before fees existed, reviewed_at or created_at."""
    return china_date(datetime.fromisoformat(tenant.reviewed_at or tenant.created_at))


def trial_ends_of(tenant: Tenant, terms: Terms | None = None) -> date:
    if tenant.trial_ends:
        return date.fromisoformat(tenant.trial_ends)
    return trial_end(approval_day(tenant), terms)


def trial_end(approved_on: date, terms: Terms | None = None) -> date:
    """The last trial day for a tenant approved on `approved_on` (trial_days from the platform settings)."""
    settings = terms.settings if terms else platform_settings.settings()
    return trial_period(approved_on, int(settings["trial_days"]))[1]


def fee_state(tenant: Tenant, payments: list, today: date, terms: Terms) -> FeeState:
    """The state from the tenant's trial and its payments that count (not voided)."""
    ends = trial_ends_of(tenant, terms)
    trial = (min(approval_day(tenant), ends), ends)
    periods = [(date.fromisoformat(p.period_start), date.fromisoformat(p.period_end))
               for p in payments if not p.voided_at]
    expiring_within = max(terms.settings.get("remind_days") or [15])
    return derive(today, trial, periods, int(terms.settings["grace_days"]), expiring_within)


def view(tenant: Tenant, payments: list | None, today: date | None = None, terms: Terms | None = None) -> dict:
    """billing_of() for a loaded tenant (payments loaded when None; pass `terms` when viewing many tenants)."""
    terms = terms or current_terms()
    phone = terms.settings["contact_phone"]
    plan_code = tenant.fee_plan or "trial"
    plan = terms.plan(plan_code)
    base = {"fee_plan": plan_code, "fee_plan_name": plan["name"] if plan else plan_code,
            "trial_ends": None, "contact_phone": phone}
    if tenant.status not in BILLED_STATUSES:
        return {**base, "state": NONE, "state_label": STATE_LABELS[NONE], "paid_until": None, "grace_ends": None,
                "days_left": None, "banner": None}
    fee = fee_state(tenant, billing_store.payments(tenant.tenant_id) if payments is None else payments,
                    today or china_today(), terms)
    return {**base, "state": fee.state, "state_label": fee.label,
            "trial_ends": trial_ends_of(tenant, terms).isoformat(),
            "paid_until": _iso(fee.paid_until), "grace_ends": _iso(fee.grace_ends), "days_left": fee.days_left,
            "banner": banner(fee, phone)}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _tenant(tenant_id: str) -> Tenant:
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        raise NotFound("企业不存在或已被删除")
    return tenant


def billing_of(tenant_id: str, today: date | None = None) -> dict:
    """{state, state_label, fee_plan, fee_plan_name, trial_ends, paid_until, grace_ends, days_left, banner,
    contact_phone} for the tenant today (China date)."""
    return view(_tenant(tenant_id), None, today)


def stopped_billing(tenant_id: str) -> dict | None:
    """The tenant's billing view when it is 已停用, else None (no tenant record: nothing is billed)."""
    tenant = tenant_store.get(tenant_id)
    billing = view(tenant, None) if tenant else None
    return billing if billing and billing["state"] == STOPPED else None


def refusal(tenant_id: str, action: str) -> str | None:
    """Why `action` is refused (the tenant is 已停用), or None when it may go ahead."""
    billing = stopped_billing(tenant_id)
    if billing is None:
        return None
    ended = f"（服务已于 {billing['paid_until']} 到期）" if billing["paid_until"] else ""
    return (f"贵企业的服务已停用{ended}，暂不能{action}。数据仍保留，请联系平台 {billing['contact_phone']} "
            f"续费后恢复")


def require_active(tenant_id: str, action: str) -> None:
    """Raise Forbidden (code SUBSCRIPTION_STOPPED) naming `action` (e.g. "导入数据") when the tenant is 已停用."""
    message = refusal(tenant_id, action)
    if message:
        raise Forbidden(message, code="SUBSCRIPTION_STOPPED")


def is_stopped(tenant_id: str) -> bool:
    """For schedules that skip stopped tenants quietly (monthly analyses, the campaign clock, 生日关怀)."""
    return stopped_billing(tenant_id) is not None


def store(tenant: Tenant, billing: dict, **extra) -> None:
    """Keep the derived state on the tenant (lists and overdue_count read it without deriving again)."""
    values = {"billing_state": billing["state"], "paid_until": billing["paid_until"], **extra}
    changed = {k: v for k, v in values.items() if getattr(tenant, k) != v}
    if changed:
        tenant_store.set_fields(tenant, **changed)


def refresh_all(today: date | None = None) -> list[dict]:
    """Derive and store every approved tenant's state; each tenant's billing_of() plus tenant_id, company_name,
    contact_phone."""
    rows, terms = [], current_terms()
    for tenant in tenant_store.list_tenants(APPROVED):
        billing = view(tenant, None, today, terms)
        store(tenant, billing)
        rows.append({**billing, "tenant_id": tenant.tenant_id, "company_name": tenant.company_name,
                     "contact_phone": tenant.contact_phone})
    return rows


def overdue_count() -> int:
    """Tenants in 宽限期 or 已停用 (as last stored by refresh_all or a payment)."""
    return sum(1 for t in tenant_store.list_tenants(APPROVED) if t.billing_state in (GRACE, STOPPED))


def on_approval(tenant: Tenant, approved_at: str) -> dict:
    """The fee fields an approval sets: the trial from the approval day (kept when a trial was set before)."""
    if tenant.trial_ends:
        return {}
    ends = trial_end(china_date(datetime.fromisoformat(approved_at))).isoformat()
    return {"trial_ends": ends, "fee_plan": tenant.fee_plan or "trial", "paid_until": ends, "billing_state": "trial"}
