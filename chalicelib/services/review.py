"""Staff review of tenants: list, detail, status actions, call notes, held profile changes."""
from collections import Counter
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters import audit_log, objects, tenant_store, user_store
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.clock import now_iso
from chalicelib.domain import audit_changes, tenant_status
from chalicelib.domain.tenant_status import ACTION_LABELS, REJECTED, STATUSES
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import audit_view, license_claims, tenant_notices
from chalicelib.services.billing import status as billing_status
from chalicelib.services.paging import page_bounds
from chalicelib.services.stats.waiting import waiting_work
from chalicelib.services.tenant_view import FIELD_LABELS, field_label, public

CHINA = timezone(timedelta(hours=8))
SEARCHED = ("company_name", "username", "contact_name", "contact_phone", "license_no")


def _tenant(tenant_id: str, tenants=tenant_store) -> Tenant:
    tenant = tenants.get(tenant_id)
    if tenant is None:
        raise NotFound("企业不存在或已被删除")
    return tenant


def list_tenants(status: str = "", q: str = "", page: int = 1, size: int = 20, pending_change: bool = False) -> dict:
    """Tenants by status, search text and (with pending_change) only those with profile changes to review."""
    if status and status not in STATUSES:
        raise ValidationFailed("状态只能是 pending、approved、rejected 或 disabled")
    page, size, rows = page_bounds(page, size)
    needle = q.strip().lower()
    found = tenant_store.list_with_pending_changes() if pending_change else tenant_store.list_tenants(status or None)
    tenants = [t for t in found
               if (not pending_change or not status or t.status == status)
               and (not needle or any(needle in (getattr(t, f) or "").lower() for f in SEARCHED))]
    chosen = tenants[rows]
    return {"items": [public(t) for t in chosen], "total": len(tenants), "page": page, "size": size}


def detail(tenant_id: str) -> dict:
    tenant = _tenant(tenant_id)
    image = objects.presigned_get(config.upload_bucket(), tenant.license_image_key) if tenant.license_image_key else None
    audit, names = audit_view.named_entries(f"tenant#{tenant_id}", also=(tenant.reviewed_by,))
    return {"tenant": _view(tenant, names), "license_image_url": image, "audit": audit}


def _view(tenant: Tenant, names: dict | None = None, users=user_store) -> dict:
    """The tenant as staff see it: public fields plus the reviewer's display name."""
    view = public(tenant)
    if names is None:
        names = users.display_names([tenant.reviewed_by])
    view["reviewed_by_name"] = names.get(tenant.reviewed_by, tenant.reviewed_by) if tenant.reviewed_by else None
    return view


def apply_action(tenant_id: str, action: str, actor: str, reason: str = "", *, tenants=tenant_store,
                 users=user_store, audit=audit_log, notices=tenant_notices) -> dict:
    """Move a tenant through its lifecycle; the change and its reason go to the audit log."""
    tenant = _tenant(tenant_id, tenants)
    target = tenant_status.next_status(tenant.status, action)
    if target == REJECTED and not reason:
        raise ValidationFailed("请填写审核不通过的原因", [{"field": "reason", "message": "请填写原因"}])
    if tenant.status == REJECTED:
        _reclaim_license(tenant, tenants)
    now = now_iso()
    fees = billing_status.on_approval(tenant, now) if action == "approve" else {}  # the trial starts today
    if not tenants.set_status(tenant, target, reviewed_at=now, reviewed_by=actor, updated_at=now,
                              reject_reason=reason if target == REJECTED else None, **fees):
        raise Conflict("该企业的状态刚被其他人修改，请刷新后重试", code="INVALID_TRANSITION")
    audit.record_tenant(tenant_id, actor, ACTION_LABELS[action], reason)
    if action in ("approve", "reject"):
        notices.registration_decided(tenant_id, tenant.company_name, action == "approve", reason)
    return _view(tenant, users=users)


def _reclaim_license(tenant: Tenant, tenants) -> None:
    """A rejected tenant let its licence go; another may have registered it since."""
    try:
        license_claims.claim_for_change(tenant.license_no, tenant.tenant_id, tenants=tenants)
    except Conflict:
        raise Conflict("该企业的统一社会信用代码已被另一家企业注册，不能再通过审核；请与申请人核实",
                       code="LICENSE_REGISTERED") from None


def set_notes(tenant_id: str, notes: str, actor: str) -> dict:
    tenant = _tenant(tenant_id)
    before = tenant.call_notes or ""
    tenant_store.set_fields(tenant, call_notes=notes, updated_at=now_iso())
    audit_log.record_tenant(tenant_id, actor, "更新通话记录", notes[:200],
                            changes=[{"field": "通话记录", "before": before[:500], "after": notes[:500]}])
    return _view(tenant)


def decide_changes(tenant_id: str, approve: bool, actor: str, reason: str = "", *, tenants=tenant_store,
                   users=user_store, audit=audit_log, notices=tenant_notices) -> dict:
    """Apply or drop the profile changes a tenant made to reviewed fields."""
    tenant = _tenant(tenant_id, tenants)
    changes = dict(tenant.pending_changes or {})
    if not changes:
        raise Conflict("该企业没有待审核的资料变更")
    before = {name: getattr(tenant, name) for name in changes}
    if not tenants.update_as_read(tenant, tenant.updated_at, pending_changes=None, **(changes if approve else {})):
        raise Conflict("企业刚刚修改或撤回了这次资料变更，请刷新页面后重新审核", code="TENANT_CHANGED")
    if approve and "contact_phone" in changes:
        user = users.get(tenant.username)
        if user is not None:
            users.set_fields(user, mobile=changes["contact_phone"])
    summary = "、".join(f"{field_label(k)}：{v}" for k, v in changes.items())
    audit.record_tenant(tenant_id, actor, "通过资料变更" if approve else "驳回资料变更",
                        summary if approve else f"{summary}；原因：{reason}",
                        changes=audit_changes.diff(before, changes, FIELD_LABELS) if approve else None)
    notices.profile_change_decided(tenant_id, approve, reason)
    return _view(tenant, users=users)


def overview(today: datetime | None = None) -> dict:
    """Tenant counts by status and registrations per day over the last 7 days (China time)."""
    tenants = tenant_store.list_tenants(None)
    waiting = waiting_work(with_fees=False)
    by_status = Counter(t.status for t in tenants)
    day = (today or datetime.now(timezone.utc)).astimezone(CHINA).date()
    days = [(day - timedelta(days=n)).isoformat() for n in range(6, -1, -1)]
    per_day = Counter(datetime.fromisoformat(t.created_at).astimezone(CHINA).date().isoformat() for t in tenants)
    return {"tenants": {**{s: by_status.get(s, 0) for s in STATUSES}, "total": len(tenants)},
            "pending_changes": waiting["profile_changes"], "pending_plans": waiting["plans"],
            "registrations": [{"date": d, "count": per_day.get(d, 0)} for d in days]}
