"""企业子账号: the 企业管理员 lists, creates, disables and enables its 店长 and 只读 logins."""
import uuid

from chalicelib.adapters import audit_log, user_store
from chalicelib.adapters.user_store import User
from chalicelib.clock import now_iso
from chalicelib.domain.roles import ROLE_LABELS, STORE_MANAGER, SUB_ACCOUNT_ROLES
from chalicelib.domain.schemas import AccountRequest
from chalicelib.errors import Forbidden, NotFound, ValidationFailed
from chalicelib.services import passwords


def _tenant_store_names(tenant_id: str) -> list[str]:
    from chalicelib.services import stores  # the stores service reads the customer table: loaded when needed

    return [item["name"] for item in stores.list_stores(tenant_id)["items"]]


def public(user: User) -> dict:
    return {"username": user.username, "display_name": user.display_name, "role": user.role,
            "role_label": ROLE_LABELS.get(user.role, user.role), "mobile": user.mobile, "store": user.store or "",
            "show_mobile": bool(user.show_mobile), "status": user.status, "created_at": user.created_at,
            "created_by": user.created_by or "", "sub_account": user.role in SUB_ACCOUNT_ROLES}


def list_accounts(tenant_id: str, *, users=user_store) -> dict:
    """The tenant's logins, its 企业管理员 first, then sub-accounts oldest first."""
    found = users.tenant_users(tenant_id)
    found.sort(key=lambda user: (user.role in SUB_ACCOUNT_ROLES, user.created_at))
    return {"items": [public(user) for user in found]}


def create_account(tenant_id: str, request: AccountRequest, actor: str, *, users=user_store,
                   store_names=_tenant_store_names, audit=audit_log) -> dict:
    """A new sub-account; its login name is unique across every tenant and staff (a conditional put)."""
    if request.role == STORE_MANAGER:
        _check_store(request.store, store_names(tenant_id))
    user = User(username=request.username, user_id=uuid.uuid4().hex, account_type="tenant", role=request.role,
                tenant_id=tenant_id, display_name=request.display_name, mobile=request.mobile,
                password_hash=passwords.hash_password(request.password), status="active",
                created_at=now_iso(), store=request.store or None, show_mobile=request.show_mobile,
                created_by=actor)
    users.create(user)
    audit.record_tenant(tenant_id, actor, "新增子账号", _describe(user))
    return public(user)


def _check_store(store: str, known: list[str]) -> None:
    if store not in known:
        hint = f"可选：{'、'.join(known[:20])}" if known else "企业还没有门店：请先在门店页添加，或导入带门店列的订单"
        raise ValidationFailed("子账号信息有误", [{"field": "store", "message": f"门店「{store}」不存在（{hint}）"}])


def set_enabled(tenant_id: str, username: str, enabled: bool, actor: str, *, users=user_store,
                audit=audit_log) -> dict:
    """Disable (its sessions end at once and stay ended after a re-enable) or enable a sub-account."""
    user = users.get(username)
    if user is None or user.tenant_id != tenant_id:
        raise NotFound("子账号不存在，请刷新列表后重试")
    if user.role not in SUB_ACCOUNT_ROLES:
        raise Forbidden("企业管理员账号不能停用；如需停用企业，请联系平台客服", code="NOT_A_SUB_ACCOUNT")
    users.set_enabled(user, enabled)
    audit.record_tenant(tenant_id, actor, "启用子账号" if enabled else "停用子账号", _describe(user))
    return public(user)


def _describe(user: User) -> str:
    store = f"，门店：{user.store}" if user.store else ""
    return f"{user.username}（{ROLE_LABELS[user.role]}{store}）"
