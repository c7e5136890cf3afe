"""Login with password then SMS code, password reset by SMS, password change."""
from datetime import datetime, timezone

from chalicelib import config
from chalicelib.adapters import challenge_store, guards, tenant_store, user_store
from chalicelib.adapters.user_store import User
from chalicelib.domain import tenant_status
from chalicelib.domain.fields import normalize_username
from chalicelib.domain.roles import TENANT_ROLES
from chalicelib.errors import Forbidden, Unauthorized, ValidationFailed
from chalicelib.services import login_limits, passwords, sms_codes, tokens

# The same words for an unknown name and a wrong password; the tries left are not told (they would
# tell that the name exists), only the rule, and the lock message once it applies.
BAD_CREDENTIALS = "登录名或密码错误，请检查后重试（连续错误 5 次将锁定 15 分钟）"


def _name(username: str) -> str:
    """The login name as stored; a name that cannot exist is still counted under its own spelling."""
    try:
        return normalize_username(username)
    except ValueError:
        return (username or "").strip().lower()[:64]


def login(username: str, password: str, now: float | None = None, send=None, *, users=user_store,
          tenants=tenant_store, challenges=challenge_store, locks=guards) -> dict:
    """Check the password and text a code to the account's mobile."""
    at = sms_codes.epoch(now)
    name = _name(username)
    user = users.get(name) if name else None
    tally = login_limits.begin(name, at, locks=locks)
    # An unknown name is verified against a dummy hash, so both answers take as long.
    if not passwords.verify_password(user.password_hash if user else None, password) or user is None:
        login_limits.failed(name, tally, at, locks=locks)
        raise Unauthorized(BAD_CREDENTIALS, code="BAD_CREDENTIALS")
    login_limits.give_back(name, locks=locks)
    ensure_may_log_in(user, tenants=tenants)
    _claim_sms_slot(name, at, locks)
    return sms_codes.start(user.username, user.mobile, "login", now=at, send=send, challenges=challenges)


def _claim_sms_slot(name: str, at: int, locks) -> None:
    """At most one unanswered code per login name a minute, whichever flow asks for it (a conditional write)."""
    wait = locks.take_slot(f"sms#{name}", at, config.SMS_RESEND_SECONDS)
    if wait:
        raise sms_codes.throttled(wait)


def ensure_may_log_in(user: User, *, tenants=tenant_store) -> None:
    """Forbidden unless the account (and its tenant) may use the product now."""
    if user.status != "active":
        who = "贵企业的管理员" if user.role in TENANT_ROLES else "平台管理员"
        raise Forbidden(f"该账号已被停用，请联系{who}", code="ACCOUNT_DISABLED")
    if user.role not in TENANT_ROLES:
        return
    tenant = tenants.get(user.tenant_id) if user.tenant_id else None
    refusal = tenant_status.login_refusal(tenant.status if tenant else "", (tenant.reject_reason or "") if tenant else "")
    if refusal:
        raise Forbidden(refusal[1], code=refusal[0])


def resend(challenge_id: str, now: float | None = None, send=None, *, users=user_store,
           challenges=challenge_store) -> dict:
    """A login's next code; a password reset asks for a new one through start_reset instead."""
    challenge = challenges.get(challenge_id)
    user = users.get(challenge.username) if challenge and challenge.purpose == "login" else None
    if challenge is None or user is None:
        raise ValidationFailed("验证请求无效或已过期，请重新登录", code="CODE_EXPIRED")
    return sms_codes.resend(challenge, user.mobile, now=now, send=send, challenges=challenges)


def verify(challenge_id: str, code: str, now: float | None = None, *, users=user_store, tenants=tenant_store,
           challenges=challenge_store, locks=guards) -> dict:
    """Exchange a right code for a session token; wrong codes count toward the account's lock like passwords."""
    at = sms_codes.epoch(now)
    challenge = sms_codes.usable(challenges.get(challenge_id), "login", at)
    name = challenge.username
    tally = login_limits.begin(name, at, locks=locks)
    try:
        sms_codes.check(challenge, "login", code, now=at, challenges=challenges)
    except sms_codes.WrongCode as wrong:
        if not wrong.compared:
            login_limits.give_back(name, locks=locks)
            raise
        left = login_limits.failed(name, tally, at, locks=locks)  # Locked when this was the account's last try
        raise sms_codes.WrongCode(min(wrong.left, left), "login") from None
    except Exception:
        login_limits.give_back(name, locks=locks)
        raise
    login_limits.clear(name, locks=locks)
    locks.clear(f"sms#{name}")  # the throttle guards unanswered codes only
    user = users.get(name)
    if user is None:  # removed while its code was on the way
        raise Unauthorized(BAD_CREDENTIALS, code="BAD_CREDENTIALS")
    ensure_may_log_in(user, tenants=tenants)
    users.set_fields(user, last_login_at=datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="seconds"))
    return _session(user, at)


def _session(user: User, at: int) -> dict:
    token, expires = tokens.issue(user.username, user.role, user.tenant_id, int(user.token_version), now=at)
    return {"token": token, "expires_at": expires, "role": user.role, "tenant_id": user.tenant_id,
            "username": user.username, "display_name": user.display_name}


def start_reset(username: str, mobile: str, now: float | None = None, send=None, *, users=user_store,
                challenges=challenge_store, locks=guards) -> dict:
    """Text a reset code when login name and mobile match; answer, throttle and store alike either way."""
    at = sms_codes.epoch(now)
    name = _name(username)
    _claim_sms_slot(name, at, locks)
    user = users.get(name) if name else None
    if user is None or user.mobile != mobile or user.status != "active":
        # A decoy: a stored challenge that takes guesses like a real one but was never texted.
        return sms_codes.start(name, mobile, "reset", now=at, decoy=True, challenges=challenges)
    return sms_codes.start(user.username, user.mobile, "reset", now=at, send=send, challenges=challenges)


def confirm_reset(challenge_id: str, code: str, new_password: str, now: float | None = None, *, users=user_store,
                  challenges=challenge_store, locks=guards) -> None:
    """Set the new password, lift the lock, and end every session opened with the old one."""
    challenge = sms_codes.check(challenges.get(challenge_id), "reset", code, now=now, challenges=challenges)
    user = users.get(challenge.username)
    if user is None:  # removed while its code was on the way
        raise ValidationFailed("验证请求无效或已过期，请重新获取验证码", code="CODE_EXPIRED")
    users.set_password(user, passwords.hash_password(new_password))
    login_limits.clear(user.username, locks=locks)
    locks.clear(f"sms#{user.username}")


def change_password(username: str, old_password: str, new_password: str, now: float | None = None, *,
                    users=user_store, locks=guards) -> dict:
    """Replace the password after checking the old one (tries counted and locked as at login); a fresh session."""
    if old_password == new_password:
        same = "新密码不能与原密码相同"
        raise ValidationFailed(same, [{"field": "new_password", "message": same}])
    at = sms_codes.epoch(now)
    user = users.get(username)
    tally = login_limits.begin(username, at, locks=locks)
    if user is None or not passwords.verify_password(user.password_hash, old_password):
        left = login_limits.failed(username, tally, at, locks=locks)
        message = f"原密码不正确，再错 {left} 次账号将锁定 15 分钟"
        raise ValidationFailed(message, [{"field": "old_password", "message": message}])
    login_limits.give_back(username, locks=locks)
    users.set_password(user, passwords.hash_password(new_password))  # the new version is on `user` too
    return _session(user, at)
