"""Platform staff accounts: list, create, disable and enable; the seeded platform admin."""
import uuid

from chalicelib.adapters import audit_log, user_store
from chalicelib.adapters.user_store import User
from chalicelib.clock import now_iso
from chalicelib.domain.roles import ADMIN, ROLE_LABELS
from chalicelib.domain.schemas import StaffRequest
from chalicelib.errors import Conflict, Forbidden, NotFound
from chalicelib.services import passwords


def public(user: User) -> dict:
    return {"username": user.username, "display_name": user.display_name, "role": user.role,
            "role_label": ROLE_LABELS.get(user.role, user.role), "mobile": user.mobile,
            "status": user.status, "created_at": user.created_at, "last_login_at": user.last_login_at}


def list_staff(*, users=user_store) -> dict:
    """Every staff account, oldest first."""
    return {"items": [public(u) for u in sorted(users.list_staff(), key=lambda u: u.created_at)]}


def create_staff(request: StaffRequest, actor: str, *, users=user_store, audit=audit_log) -> dict:
    """A new staff account; its login name is unique across every tenant and staff."""
    user = _new_staff(request.username, request.display_name, request.mobile, request.role, request.password)
    users.create(user)
    audit.record(f"staff#{user.username}", actor, "新增员工",
                 f"{user.display_name}（登录名 {user.username}，{ROLE_LABELS[user.role]}）")
    return public(user)


def _new_staff(username: str, display_name: str, mobile: str, role: str, password: str) -> User:
    return User(username=username, user_id=uuid.uuid4().hex, account_type="staff", role=role, tenant_id=None,
                display_name=display_name, mobile=mobile, password_hash=passwords.hash_password(password),
                status="active", created_at=now_iso())


def set_enabled(username: str, enabled: bool, actor: str, *, users=user_store, audit=audit_log) -> dict:
    """Enable or disable a staff member; one active 超级管理员 always remains (the store's transaction)."""
    user = users.get(username)
    if user is None or user.account_type != "staff":
        raise NotFound("员工账号不存在")
    before = "启用" if user.status == "active" else "停用"
    if not enabled and username == actor:
        raise Conflict("不能停用自己的账号")
    if enabled:
        users.set_enabled(user, True)
    elif not users.disable_by(user, actor):
        raise Forbidden("您的账号刚被停用或已不是超级管理员，不能停用其他员工")
    audit.record(f"staff#{username}", actor, "启用员工" if enabled else "停用员工", user.display_name,
                 changes=[{"field": "账号状态", "before": before, "after": "启用" if enabled else "停用"}])
    return public(user)


def ensure_platform_admin(username: str, password: str, mobile: str) -> None:
    """The platform admin exists, is active and has `password` (the local stack's ADMIN_PASSWORD)."""
    user = user_store.get(username)
    if user is None:
        user_store.create(_new_staff(username, "平台管理员", mobile, ADMIN, password))
    elif user.status != "active" or not passwords.verify_password(user.password_hash, password):
        user_store.set_fields(user, status="active", password_hash=passwords.hash_password(password))
