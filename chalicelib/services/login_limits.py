"""Failed sign-ins (wrong passwords and wrong SMS codes), counted per login name and locked after five.

Counted for every name asked about, whether or not an account has it, so a wrong password and a
"locked" answer look the same for a real login and a made-up one. Each try is counted before its
password or code is compared (a conditional update), so parallel guesses cannot pass the limit; a
right password gives its count back, and only a completed login (password and code) or a password
reset clears the count.
"""
from chalicelib import config
from chalicelib.adapters import guards
from chalicelib.errors import Locked
from chalicelib.services import passwords

KEEP_SECONDS = 24 * 3600  # a name's count is forgotten a day after its last failure


def _guard(name: str) -> str:
    return f"login#{name}"


def begin(name: str, at: int, *, locks=guards) -> int:
    """Count one try before comparing; Locked when the name is locked or has no try left."""
    tally = locks.count_up(_guard(name), config.MAX_PASSWORD_FAILURES, at, KEEP_SECONDS)
    if tally is None:
        current = locks.read(_guard(name))
        until = int(current.until or 0) if current else 0
        raise locked(until - at if until > at else config.LOCKOUT_SECONDS)
    return tally


def failed(name: str, tally: int, at: int, *, locks=guards) -> int:
    """The tries left after a wrong password or code; Locked when this one was the last."""
    if tally >= config.MAX_PASSWORD_FAILURES:
        locks.lock(_guard(name), at + config.LOCKOUT_SECONDS, KEEP_SECONDS)
        raise locked(config.LOCKOUT_SECONDS)
    return config.MAX_PASSWORD_FAILURES - tally


def give_back(name: str, *, locks=guards) -> None:
    """The try was right (or never compared): it does not count."""
    locks.count_down(_guard(name))


def clear(name: str, *, locks=guards) -> None:
    locks.clear(_guard(name))


def wrong_confirmation(username: str, password_hash: str | None, password: str, at: int, *, locks=guards) -> str:
    """A password typed to confirm an action (not to sign in), counted and locked as sign-in tries are: '' when
    right, else what to tell the user; Locked when the name is locked or this was its last try."""
    tally = begin(username, at, locks=locks)
    if passwords.verify_password(password_hash, password or ""):
        give_back(username, locks=locks)
        return ""
    left = failed(username, tally, at, locks=locks)
    return f"密码不正确，请输入您本人的登录密码（再错 {left} 次账号将锁定 15 分钟）"


def locked(seconds: int) -> Locked:
    minutes = max(1, -(-seconds // 60))
    return Locked(f"密码或验证码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或通过“忘记密码”重置密码")
