"""The logged-in user's own account: who am I, and a tenant's company details."""

from chalicelib.adapters import audit_log, tenant_store, user_store
from chalicelib.domain import audit_changes
from chalicelib.domain.fields import mask_mobile
from chalicelib.domain.roles import ROLE_LABELS, permissions, sees_mobiles
from chalicelib.domain.schemas import ProfileRequest
from chalicelib.errors import Conflict, NotFound
from chalicelib.services import tenant_notices
from chalicelib.services.license_claims import claim_for_change
from chalicelib.services.plans import dictionaries
from chalicelib.services.tenant_view import FIELD_LABELS, field_label, public

# Changing these needs staff review: they identify the company or receive the login codes.
REVIEWED_FIELDS = ("company_name", "license_no", "contact_phone")
DIRECT_FIELDS = ("contact_name", "region", "industry")


def me(username: str) -> dict:
    user = user_store.get(username)
    if user is None:
        raise NotFound("账号不存在")
    tenant = tenant_store.get(user.tenant_id) if user.tenant_id else None
    return {"username": user.username, "role": user.role, "display_name": user.display_name,
            "tenant_id": user.tenant_id, "mobile_masked": mask_mobile(user.mobile),
            "tenant": public(tenant) if tenant else None, "role_label": ROLE_LABELS.get(user.role, user.role),
            "store": user.store or "", "mobile_visible": sees_mobiles(user.role, user.show_mobile),
            "permissions": permissions(user.role)}


def update_profile(tenant_id: str, username: str, request: ProfileRequest) -> dict:
    """Apply contact details at once; hold identity changes for review."""
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        raise NotFound("企业不存在")
    dictionaries.check_industry(request.industry, current=tenant.industry)
    wanted = request.model_dump()
    held = {f: wanted[f] for f in REVIEWED_FIELDS if wanted[f] != getattr(tenant, f)}
    before = {name: _value(tenant, name) for name in DIRECT_FIELDS}
    if "license_no" in held:
        claim_for_change(held["license_no"], tenant_id)
    direct = {name: wanted[name] for name in DIRECT_FIELDS}
    if not tenant_store.update_as_read(tenant, tenant.updated_at, pending_changes=held or None, **direct):
        raise Conflict("企业资料刚刚被修改或审核，请刷新页面后重新提交", code="TENANT_CHANGED")
    if "contact_name" in wanted:
        user = user_store.get(username)
        if user is not None:
            user_store.set_fields(user, display_name=wanted["contact_name"])
    audit_log.record_tenant(tenant_id, username, "修改企业资料",
                            f"待审核变更：{'、'.join(map(field_label, held))}" if held else "",
                            changes=_profile_changes(tenant, before, held))
    if held:
        tenant_notices.profile_change_waiting(tenant_id, tenant.company_name, "、".join(map(field_label, held)))
    return {"tenant": public(tenant), "review_required": bool(held)}


def _value(tenant, name: str):
    value = getattr(tenant, name)
    return dict(value) if isinstance(value, dict) else value  # a copy: the record changes after it is read


def _profile_changes(tenant, before: dict, held: dict) -> list[dict]:
    """Fields changed at once, then those held for review (their new value marked 待审核)."""
    applied = audit_changes.diff(before, {name: _value(tenant, name) for name in DIRECT_FIELDS}, FIELD_LABELS)
    waiting = audit_changes.diff({name: getattr(tenant, name) for name in held}, held, FIELD_LABELS)
    return applied + [{**change, "after": f"{change['after']}（待审核）"} for change in waiting]


def withdraw_change(tenant_id: str, username: str) -> dict:
    """Drop the tenant's profile change that waits for review; Conflict when there is none."""
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        raise NotFound("企业不存在")
    pending = dict(tenant.pending_changes or {})
    if not pending or not tenant_store.clear_pending_changes(tenant_id):
        raise Conflict("没有待审核的资料变更可撤回（可能已被审核），请刷新页面", code="NO_PENDING_CHANGE")
    tenant_notices.profile_change_gone(tenant_id)
    audit_log.record_tenant(tenant_id, username, "撤回资料变更", "、".join(map(field_label, pending)),
                            changes=[{**c, "after": f"{c['after']}（已撤回）"}
                                     for c in audit_changes.diff({n: getattr(tenant, n) for n in pending}, pending,
                                                                 FIELD_LABELS)])
    return {"tenant": public(tenant_store.get(tenant_id) or tenant)}
