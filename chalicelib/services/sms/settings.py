"""短信设置: the tenant's signature, frequency cap and 生日关怀 switch; the platform's spend caps."""
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters import audit_log, guards, sms_settings_store, sms_usage, template_store, tenant_store
from chalicelib.domain import audit_changes
from chalicelib.domain.sms import template_status
from chalicelib.domain.sms.requests import CapsRequest, SettingsRequest
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import platform_settings

CHINA = timezone(timedelta(hours=8))
LABELS = {"signature": "短信签名", "frequency_days": "频次周期（天）", "frequency_count": "周期内最多条数",
          "daily_per_number": "每号码每日最多条数", "birthday_enabled": "生日关怀", "birthday_template_id": "生日关怀模板"}


def view(tenant_id: str, *, settings=sms_settings_store, usage=sms_usage, platform=platform_settings,
         now: datetime | None = None) -> dict:
    """The settings as the page shows them, with today's and this month's usage (China dates)."""
    stored = settings.get(tenant_id)
    today = (now or datetime.now(timezone.utc)).astimezone(CHINA)
    used_today, used_month = usage.used(tenant_id, f"{today:%Y-%m-%d}")
    daily, monthly = platform.tenant_sms_caps(tenant_id, stored)  # set for the tenant, else its plan's (字典)
    return {**{name: stored[name] for name in LABELS}, "daily_cap": daily, "monthly_cap": monthly,
            "used_today": used_today, "used_this_month": used_month, "provider": config.sms_provider(),
            "price_yuan_per_part": {kind: platform.sms_price_li(kind) / 1000 for kind in ("marketing", "notice")}}


def update(tenant_id: str, actor: str, request: SettingsRequest, *, settings=sms_settings_store,  # noqa: PLR0913
           templates=template_store, usage=sms_usage, audit=audit_log, platform=platform_settings,
           locks=guards) -> dict:
    """Save the fields sent; 生日关怀 on needs an approved marketing template; a signature is one tenant's only."""
    changes = request.changes()
    before = settings.get(tenant_id)
    merged = {**before, **changes}
    if changes.get("birthday_template_id") or merged["birthday_enabled"]:
        _check_birthday(tenant_id, merged, templates)
    if changes.get("signature") and changes["signature"] != before["signature"]:
        _claim_signature(tenant_id, changes["signature"], locks, settings)
    if changes:
        settings.update(tenant_id, changes, actor)
        if changes.get("signature") and before["signature"] and before["signature"] != changes["signature"]:
            locks.release(_signature_guard(before["signature"]), tenant_id)
        audit.record_tenant(tenant_id, actor, "修改短信设置", "、".join(LABELS[name] for name in changes),
                            changes=audit_changes.diff(before, changes, LABELS))
    return view(tenant_id, settings=settings, usage=usage, platform=platform)


def tenant_caps(tenant_id: str, *, settings=sms_settings_store, usage=sms_usage, tenants=tenant_store) -> dict:
    """A tenant's caps and what it has used of them, for the platform's staff."""
    _existing_tenant(tenant_id, tenants)
    shown = view(tenant_id, settings=settings, usage=usage)
    return {name: shown[name] for name in ("daily_cap", "monthly_cap", "used_today", "used_this_month")}


def set_caps(tenant_id: str, actor: str, request: CapsRequest, *, settings=sms_settings_store, usage=sms_usage,
             tenants=tenant_store, audit=audit_log) -> dict:
    """The platform sets a tenant's daily and monthly message caps (staff only; audited on the tenant)."""
    _existing_tenant(tenant_id, tenants)
    settings.update(tenant_id, {"daily_cap": request.daily_cap, "monthly_cap": request.monthly_cap}, actor)
    audit.record_tenant(tenant_id, actor, "设置短信发送上限",
                            f"每日 {request.daily_cap} 条，每月 {request.monthly_cap} 条")
    return tenant_caps(tenant_id, settings=settings, usage=usage, tenants=tenants)


def _signature_guard(signature: str) -> str:
    return f"signature#{signature}"


def _claim_signature(tenant_id: str, signature: str, locks, settings) -> None:
    """Replies come back by signature: two tenants signing alike would get each other's opt-outs. The guard makes
    parallel claims safe; the settings are read too, for signatures set before there were guards."""
    others = [other for other in settings.signed_by(signature) if other != tenant_id]
    if others or not locks.claim(_signature_guard(signature), tenant_id, 0, None):
        message = f"签名“{signature}”已被其他企业使用：请用贵店自己的店名（可加地名或简称以示区别）"
        raise Conflict(message, [{"field": "signature", "message": message}], code="SIGNATURE_TAKEN")


def _existing_tenant(tenant_id: str, tenants) -> None:
    if tenants.get(tenant_id) is None:
        raise NotFound("企业不存在，请从企业列表进入")


def _check_birthday(tenant_id: str, merged: dict, templates) -> None:
    template_id = merged.get("birthday_template_id")
    template = templates.get(tenant_id, template_id) if template_id else None
    problem = None
    if template is None:
        problem = "开启生日关怀前，请先选择一个生日关怀短信模板"
    elif template["kind"] != "marketing":
        problem = "生日关怀属于营销短信，请选择营销类模板"
    elif merged["birthday_enabled"] and template["status"] != template_status.APPROVED:
        problem = f"模板“{template['name']}”尚未通过审核，审核通过后才能开启生日关怀"
    if problem:
        raise ValidationFailed(problem, [{"field": "birthday_template_id", "message": problem}])
