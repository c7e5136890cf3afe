"""What the custom authorizer asks: is this token's session still allowed?"""
from chalicelib.adapters import tenant_store, user_store
from chalicelib.domain.roles import sees_mobiles
from chalicelib.errors import Unauthorized
from chalicelib.services import tokens
from chalicelib.services.auth import ensure_may_log_in

REVOKED_MESSAGE = "登录已失效（密码已修改、账号被停用或已退出所有设备），请重新登录"


def check(token: str, *, users=user_store, tenants=tenant_store) -> dict:
    """The caller's identity for the request context; raises for a bad, expired or revoked session."""
    claims = tokens.decode(token)
    user = users.get(claims["sub"])
    if user is None or user.role != claims.get("role") or (user.tenant_id or "") != claims.get("tenant_id"):
        raise Unauthorized("登录凭证无效，请重新登录", code="TOKEN_INVALID")
    ensure_may_log_in(user, tenants=tenants)  # a disabled account or tenant loses access at once, and hears why
    # A password change or reset, a disable and 退出所有设备 bump the account's version: every token issued
    # before it ends at once (and stays ended after a re-enable).
    if claims.get("ver", 0) != user.token_version:
        raise Unauthorized(REVOKED_MESSAGE, code="TOKEN_REVOKED")
    # Context values travel as strings through API Gateway; http._caller reads the flag back.
    visible = "true" if sees_mobiles(user.role, user.show_mobile) else "false"
    return {"username": user.username, "role": user.role, "tenant_id": user.tenant_id or "",
            "store": user.store or "", "mobile_visible": visible}


def end_all_sessions(username: str, *, users=user_store) -> dict:
    """退出所有设备: every token of the account, the caller's own included, stops working at once."""
    user = users.get(username)
    if user is None:
        raise Unauthorized("登录凭证无效，请重新登录", code="TOKEN_INVALID")
    users.bump_token_version(user)
    return {"ok": True}
