"""Login with password then SMS code, password reset by SMS, password change."""
import secrets

from chalicelib import config
from chalicelib.adapters import challenge_store, tenant_store, user_store
from chalicelib.adapters.models import UserModel
from chalicelib.domain import tenant_status
from chalicelib.domain.fields import normalize_username
from chalicelib.domain.roles import TENANT_USER
from chalicelib.errors import Forbidden, Locked, Unauthorized, ValidationFailed
from chalicelib.services import passwords, sms_codes, tokens

BAD_CREDENTIALS = "登录名或密码错误"


def _lookup(username: str) -> UserModel | None:
    try:
        return user_store.get(normalize_username(username))
    except ValueError:
        return None


def login(username: str, password: str, now: float | None = None, send=None) -> dict:
    """Check the password and text a code to the account's mobile."""
    at = sms_codes.epoch(now)
    user = _lookup(username)
    if user is not None and user.locked_until > at:
        raise _locked(user.locked_until - at)
    if not passwords.verify_password(user.password_hash if user else None, password) or user is None:
        raise _failed_password(user, at)
    user_store.clear_failures(user)
    ensure_may_log_in(user)
    _claim_sms_slot(user, at)
    return sms_codes.start(user.username, user.mobile, "login", now=at, send=send)


def _claim_sms_slot(user: UserModel, at: int) -> None:
    """At most one unanswered code per account a minute, whichever flow asks for it."""
    if user.last_sms_at and at - user.last_sms_at < config.SMS_RESEND_SECONDS:
        raise sms_codes.throttled(user.last_sms_at + config.SMS_RESEND_SECONDS - at)
    user_store.set_fields(user, last_sms_at=at)


def _failed_password(user: UserModel | None, at: int):
    if user is None:
        return Unauthorized(BAD_CREDENTIALS, code="BAD_CREDENTIALS")
    failures = user_store.add_failure(user)
    if failures >= config.MAX_PASSWORD_FAILURES:
        user_store.lock(user, at + config.LOCKOUT_SECONDS)
        return _locked(config.LOCKOUT_SECONDS)
    left = config.MAX_PASSWORD_FAILURES - failures
    return Unauthorized(f"{BAD_CREDENTIALS}，再错 {left} 次账号将锁定 15 分钟", code="BAD_CREDENTIALS")


def _locked(seconds: int) -> Locked:
    minutes = max(1, -(-seconds // 60))
    return Locked(f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或通过“忘记密码”重置密码")


def ensure_may_log_in(user: UserModel) -> None:
    """Forbidden unless the account (and its tenant) may use the product now."""
    if user.status != "active":
        raise Forbidden("该账号已被停用，请联系平台管理员", code="ACCOUNT_DISABLED")
    if user.role != TENANT_USER:
        return
    tenant = tenant_store.get(user.tenant_id)
    refusal = tenant_status.login_refusal(tenant.status if tenant else "", tenant.reject_reason if tenant else "")
    if refusal:
        raise Forbidden(refusal[1], code=refusal[0])


def resend(challenge_id: str, now: float | None = None, send=None) -> dict:
    challenge = challenge_store.get(challenge_id)
    user = user_store.get(challenge.username) if challenge else None
    if user is None:
        raise ValidationFailed("验证请求无效或已过期，请重新登录", code="CODE_EXPIRED")
    return sms_codes.resend(challenge, user.mobile, now=now, send=send)


def verify(challenge_id: str, code: str, now: float | None = None) -> dict:
    """Exchange a right code for a session token."""
    challenge = challenge_store.get(challenge_id)
    try:
        sms_codes.check(challenge, "login", code, now=now)
    except ValidationFailed as error:
        if error.code == "TOO_MANY_ATTEMPTS" and challenge is not None:
            _count_code_exhaustion(challenge.username, now)
        raise
    user = user_store.get(challenge.username)
    ensure_may_log_in(user)
    user_store.set_fields(user, last_sms_at=0)  # the throttle guards unanswered codes only
    token, expires = tokens.issue(user.username, user.role, user.tenant_id, now=now)
    return {"token": token, "expires_at": expires, "role": user.role, "tenant_id": user.tenant_id,
            "username": user.username, "display_name": user.display_name}


def _count_code_exhaustion(username: str, now: float | None) -> None:
    """Burning a challenge's attempts counts as a failed login toward the lock-out."""
    user = user_store.get(username)
    if user is not None:
        _failed_password(user, sms_codes.epoch(now))


def start_reset(username: str, mobile: str, now: float | None = None, send=None) -> dict:
    """Text a reset code when login name and mobile match; answer alike either way."""
    user = _lookup(username)
    if user is None or user.mobile != mobile or user.status != "active":
        return sms_codes.describe(secrets.token_urlsafe(24), mobile)
    at = sms_codes.epoch(now)
    _claim_sms_slot(user, at)
    return sms_codes.start(user.username, user.mobile, "reset", now=at, send=send)


def confirm_reset(challenge_id: str, code: str, new_password: str, now: float | None = None) -> None:
    challenge = sms_codes.check(challenge_store.get(challenge_id), "reset", code, now=now)
    user = user_store.get(challenge.username)
    user_store.set_fields(user, password_hash=passwords.hash_password(new_password), failed_logins=0, locked_until=0,
                          last_sms_at=0)


def change_password(username: str, old_password: str, new_password: str) -> None:
    user = user_store.get(username)
    if user is None or not passwords.verify_password(user.password_hash, old_password):
        raise ValidationFailed("原密码不正确", [{"field": "old_password", "message": "原密码不正确"}])
    if old_password == new_password:
        raise ValidationFailed("新密码不能与原密码相同", [{"field": "new_password", "message": "新密码不能与原密码相同"}])
    user_store.set_fields(user, password_hash=passwords.hash_password(new_password))
