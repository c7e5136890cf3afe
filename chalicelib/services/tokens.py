"""Signed session tokens (JWT, HS256) carrying user, role, tenant and the account's token version."""
import time

import jwt

from chalicelib import config
from chalicelib.errors import Unauthorized


def issue(username: str, role: str, tenant_id: str | None, version: int,
          now: float | None = None) -> tuple[str, int]:
    """(token, expiry as epoch seconds)."""
    issued = int(now if now is not None else time.time())
    expires = issued + config.jwt_ttl_seconds()
    claims = {"sub": username, "role": role, "tenant_id": tenant_id or "", "ver": int(version),
              "iat": issued, "exp": expires}
    return jwt.encode(claims, config.jwt_secret(), algorithm="HS256"), expires


def decode(token: str) -> dict:
    try:
        return jwt.decode(token, config.jwt_secret(), algorithms=["HS256"], options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError:
        raise Unauthorized("登录已过期，请重新登录", code="TOKEN_EXPIRED") from None
    except jwt.PyJWTError:
        raise Unauthorized("登录凭证无效，请重新登录", code="TOKEN_INVALID") from None
