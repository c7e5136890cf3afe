"""Six-digit SMS codes: HOTP per challenge, single use, short-lived, attempts limited, resends throttled."""
import secrets
import time
from datetime import datetime, timezone

import pyotp

from chalicelib import config
from chalicelib.adapters import challenge_store, sms
from chalicelib.adapters.challenge_store import Challenge
from chalicelib.domain.fields import mask_mobile
from chalicelib.errors import AppError, TooManyRequests, ValidationFailed

TEXTS = {
    "login": "【精准营销云】您的登录验证码为 {code}，5 分钟内有效。如非本人操作，请忽略并修改密码。",
    "reset": "【精准营销云】您正在重置密码，验证码为 {code}，5 分钟内有效。如非本人操作，请忽略。",
}
KEEP_SECONDS = 24 * 3600  # DynamoDB TTL removes the challenge a day later


class SmsUnavailable(AppError):
    status = 503
    code = "SMS_UNAVAILABLE"


def epoch(now: float | None) -> int:
    """Whole epoch seconds: `now` when a caller (a test) fixes the clock, else the real time."""
    return int(now if now is not None else time.time())


def start(username: str, mobile: str, purpose: str, now: float | None = None, send=None,
          decoy: bool = False, *, challenges=challenge_store) -> dict:
    """Create a challenge, text its first code (not for a decoy), and describe it for the client."""
    at = epoch(now)
    challenge = Challenge(
        challenge_id=secrets.token_urlsafe(24), username=username, purpose=purpose, secret=pyotp.random_base32(),
        counter=0, attempts=0, sent_at=at, expires_at=at + config.SMS_CODE_TTL_SECONDS, decoy=decoy,
        ttl=datetime.fromtimestamp(at + KEEP_SECONDS, timezone.utc),
    )
    challenges.create(challenge)
    if not decoy:
        _send(challenge, mobile, send)
    return describe(challenge.challenge_id, mobile)


def describe(challenge_id: str, mobile: str) -> dict:
    return {"challenge_id": challenge_id, "masked_mobile": mask_mobile(mobile),
            "expires_in": config.SMS_CODE_TTL_SECONDS, "resend_after": config.SMS_RESEND_SECONDS}


def resend(challenge: Challenge, mobile: str, now: float | None = None, send=None, *,
           challenges=challenge_store) -> dict:
    """Text the challenge's next code, at most once a minute; the attempts already made still count."""
    at = epoch(now)
    if not challenges.resend(challenge, at, at + config.SMS_CODE_TTL_SECONDS, config.SMS_RESEND_SECONDS):
        if challenge.used:
            raise ValidationFailed("验证码已使用，请重新登录", code="CODE_USED")
        raise throttled(max(1, int(challenge.sent_at) + config.SMS_RESEND_SECONDS - at))
    _send(challenge, mobile, send)
    return describe(challenge.challenge_id, mobile)


def throttled(wait_seconds: int) -> TooManyRequests:
    return TooManyRequests(f"验证码发送过于频繁，请 {wait_seconds} 秒后再试",
                           [{"field": "retry_after", "message": str(wait_seconds)}])


class WrongCode(ValidationFailed):
    """A wrong code (`compared`), or one refused uncompared because no attempt was left; `left` remain."""

    def __init__(self, left: int, purpose: str, compared: bool = True):
        self.left, self.compared = left, compared
        if left > 0:
            super().__init__(f"验证码不正确，还可尝试 {left} 次", code="BAD_CODE")
        else:
            super().__init__(TOO_MANY[purpose], code="TOO_MANY_ATTEMPTS")


TOO_MANY = {"login": "验证码错误次数过多，请重新登录以获取新的验证码",
            "reset": "验证码错误次数过多，请重新获取验证码"}


def usable(challenge: Challenge | None, purpose: str, at: int) -> Challenge:
    """The challenge, unless it is unknown, of another purpose, used or expired."""
    if challenge is None or challenge.purpose != purpose:
        raise ValidationFailed("验证请求无效或已过期，请重新获取验证码", code="CODE_EXPIRED")
    if challenge.used:
        raise ValidationFailed("该验证码已使用，请重新获取", code="CODE_USED")
    if at > challenge.expires_at:
        raise ValidationFailed("验证码已过期（有效期 5 分钟），请重新获取", code="CODE_EXPIRED")
    return challenge


def check(challenge: Challenge | None, purpose: str, code: str, now: float | None = None, *,
          challenges=challenge_store) -> Challenge:
    """The challenge when `code` is right; otherwise a ValidationFailed (WrongCode for a wrong code) saying why."""
    challenge = usable(challenge, purpose, epoch(now))
    # Counted before comparing: parallel guesses cannot all pass a read-then-write check.
    attempts = challenges.take_attempt(challenge, config.SMS_CODE_MAX_ATTEMPTS)
    if attempts is None:
        raise WrongCode(0, purpose, compared=False)
    if challenge.decoy or not pyotp.HOTP(challenge.secret).verify(str(code).strip(), int(challenge.counter)):
        raise WrongCode(config.SMS_CODE_MAX_ATTEMPTS - attempts, purpose)
    if not challenges.mark_used(challenge):
        raise ValidationFailed("该验证码已使用，请重新获取", code="CODE_USED")
    return challenge


def _send(challenge: Challenge, mobile: str, send) -> None:
    code = pyotp.HOTP(challenge.secret).at(int(challenge.counter))
    try:
        (send or sms.send_sms)(mobile, TEXTS[challenge.purpose].format(code=code))
    except Exception as error:  # the gateway's own errors vary; the user only needs to retry
        raise SmsUnavailable("短信发送失败，请稍后重试") from error
