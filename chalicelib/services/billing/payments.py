"""Recording, listing and voiding a tenant's payments, and changing its fee plan (交费管理, staff side)."""
from decimal import Decimal

from chalicelib.adapters import audit_log, billing_store, tenant_store, user_store
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.domain.billing.requests import FeePlanRequest, PaymentRequest
from chalicelib.domain.roles import TENANT_USER
from chalicelib.domain.tenant_status import APPROVED
from chalicelib.errors import Conflict, NotFound
from chalicelib.services import platform_settings
from chalicelib.services.billing import status


def _tenant(tenant_id: str) -> Tenant:
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        raise NotFound("企业不存在或已被删除")
    return tenant


def plan_choices() -> dict:
    """{code: name} of the fee plans, the validation context of payment and fee-plan requests."""
    return {plan["code"]: plan["name"] for plan in platform_settings.fee_plans()}


def yuan(fen: int) -> float:
    return float(Decimal(int(fen)) / 100)


def yuan_text(fen: int) -> str:
    """An amount as the audit log writes it: 3,600 or 3,600.50."""
    whole, cents = divmod(int(fen), 100)
    return f"{whole:,}.{cents:02d}" if cents else f"{whole:,}"


def payment_view(payment, names: dict, full: bool = True) -> dict:
    """A payment as the API shows it; without note and who recorded it for the tenant's own view."""
    plan = platform_settings.fee_plan(payment.fee_plan)
    view = {"payment_id": payment.item.split("#", 1)[1], "order_id": payment.order_id,
            "amount_yuan": yuan(payment.amount_fen), "period_start": payment.period_start,
            "period_end": payment.period_end, "method": payment.method, "receipt_no": payment.receipt_no,
            "fee_plan": payment.fee_plan, "fee_plan_name": plan["name"] if plan else (payment.fee_plan or ""),
            "created_at": payment.created_at, "voided": bool(payment.voided_at), "void_reason": payment.void_reason}
    if full:
        view.update(note=payment.note or "", recorded_by=payment.recorded_by,
                    recorded_by_name=names.get(payment.recorded_by, payment.recorded_by))
    return view


def payment_views(payments: list, full: bool = True) -> list[dict]:
    names = user_store.display_names([p.recorded_by for p in payments]) if full else {}
    return [payment_view(p, names, full) for p in payments]


def tenant_payments(tenant_id: str) -> dict:
    """The tenant's fee state, every payment (voided ones marked) and the fee plans to choose from."""
    tenant = _tenant(tenant_id)
    payments = billing_store.payments(tenant_id)
    return {"billing": status.view(tenant, payments), "payments": payment_views(payments),
            "fee_plans": platform_settings.fee_plans()}


def record(tenant_id: str, request: PaymentRequest, actor: str) -> dict:
    """Store a payment (and its paid order); the tenant's state, plan and paid_until follow at once."""
    tenant = _tenant(tenant_id)
    if tenant.status != APPROVED:
        raise Conflict("该企业尚未审核通过（或已禁用），不能登记交费", code="TENANT_NOT_APPROVED")
    order = {"fee_plan": request.fee_plan, "amount_fen": request.amount_fen,
             "period_start": request.period_start.isoformat(), "period_end": request.period_end.isoformat()}
    payment = billing_store.record_paid(tenant_id, order, {"method": request.method, "receipt_no": request.receipt_no,
                                                           "note": request.note or None}, actor)
    before = tenant.paid_until  # _restore updates the tenant in place
    billing = _restore(tenant, fee_plan=request.fee_plan)
    audit_log.record_tenant(tenant_id, actor, "登记交费",
                            f"{plan_choices()[request.fee_plan]} {yuan_text(request.amount_fen)} 元，服务期 "
                            f"{order['period_start']} 至 {order['period_end']}，{request.method}，收据号 "
                            f"{request.receipt_no}", changes=_paid_until_change(before, billing))
    return {"billing": billing, "payment": payment_views([payment])[0]}


def _restore(tenant: Tenant, **extra) -> dict:
    """Derive the state again and keep it on the tenant."""
    billing = status.view(tenant, None)
    status.store(tenant, billing, **extra)
    if "fee_plan" in extra:
        billing = status.view(tenant, None)
    return billing


def _paid_until_change(before: str | None, billing: dict) -> list[dict]:
    """The paid-until date's move, when it moved (a payment for a later period leaves it where it was)."""
    after = billing["paid_until"] or ""
    return [{"field": "服务到期日", "before": before or "", "after": after}] if (before or "") != after else []


def _plan_after_void(tenant: Tenant, voided) -> dict:
    """The plan the payments still support: the newest payment left's, or 试用 when the voided one set the plan
    and none is left (a plan staff set by hand, with no payment behind it, stays)."""
    left = [p for p in billing_store.payments(tenant.tenant_id) if not p.voided_at and p.fee_plan]
    if left:
        return {"fee_plan": left[0].fee_plan} if left[0].fee_plan != tenant.fee_plan else {}
    return {"fee_plan": "trial"} if voided.fee_plan == tenant.fee_plan else {}


def void(tenant_id: str, payment_id: str, reason: str, actor: str) -> dict:
    """Void a payment (it stays listed, no longer counts); the state follows at once."""
    tenant = _tenant(tenant_id)
    before = tenant.paid_until
    payment = billing_store.void(tenant_id, payment_id, actor, reason)
    billing = _restore(tenant, **_plan_after_void(tenant, payment))
    audit_log.record_tenant(tenant_id, actor, "作废交费",
                            f"收据号 {payment.receipt_no}，{yuan_text(int(payment.amount_fen))} 元；原因：{reason}",
                            changes=_paid_until_change(before, billing))
    return {"billing": billing}


def set_fee_plan(tenant_id: str, request: FeePlanRequest, actor: str) -> dict:
    """Change the tenant's fee plan and (optionally) its trial end; audited with before and after."""
    tenant = _tenant(tenant_id)
    if tenant.status not in status.BILLED_STATUSES:
        raise Conflict("该企业尚未审核通过（或未通过审核），不能设置收费套餐", code="TENANT_NOT_APPROVED")
    changes = [{"field": "收费套餐", "before": plan_choices().get(tenant.fee_plan or "trial", tenant.fee_plan or ""),
                "after": plan_choices()[request.fee_plan]}]
    extra = {"fee_plan": request.fee_plan}
    if request.trial_ends:
        extra["trial_ends"] = request.trial_ends.isoformat()
        changes.append({"field": "试用截止日期", "before": status.trial_ends_of(tenant).isoformat()
                        if tenant.status in status.BILLED_STATUSES else "", "after": extra["trial_ends"]})
    status.store(tenant, {"state": tenant.billing_state, "paid_until": tenant.paid_until}, **extra)
    billing = _restore(tenant)
    audit_log.record_tenant(tenant_id, actor, "修改收费套餐", changes=changes)
    return {"billing": billing}


def my_billing(tenant_id: str, role: str) -> dict:
    """The tenant's own view: its state, its fee plan and (企业管理员 only) its payments without staff notes."""
    tenant = _tenant(tenant_id)
    payments = billing_store.payments(tenant_id)
    billing = status.view(tenant, payments)
    return {"billing": billing, "fee_plan": platform_settings.fee_plan(billing["fee_plan"]),
            "payments": payment_views(payments, full=False) if role == TENANT_USER else []}
