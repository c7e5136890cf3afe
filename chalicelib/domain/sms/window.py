"""The marketing send window: hours of the China day in which marketing SMS may go out.

`hours` is [start, end) in whole China hours; (8, 20) is the strictest provider rule and the
default, (0, 24) means always (the local stack and browser tests widen it to watch delivery).
Naive datetimes are taken as UTC, like every stored time.
"""
from datetime import datetime, time, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
DEFAULT_HOURS = (8, 20)


def _check(hours: tuple[int, int]) -> tuple[int, int]:
    start, end = hours
    if not 0 <= start < end <= 24:
        raise ValueError(f"发送时段设置不正确：{start}–{end} 点，应满足 0 ≤ 开始 < 结束 ≤ 24")
    return start, end


def _china(at: datetime) -> datetime:
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(CHINA)


def in_window(at: datetime, hours: tuple[int, int] = DEFAULT_HOURS) -> bool:
    """Whether a marketing SMS may be sent at `at` (start <= China hour < end)."""
    start, end = _check(hours)
    return start <= _china(at).hour < end


def next_start(at: datetime, hours: tuple[int, int] = DEFAULT_HOURS) -> datetime:
    """`at` itself (UTC) when inside the window, else the next window start, in UTC."""
    start, _ = _check(hours)
    local = _china(at)
    if in_window(at, hours):
        return local.astimezone(timezone.utc)
    day = local.date() if local.hour < start else local.date() + timedelta(days=1)
    return datetime.combine(day, time(start), CHINA).astimezone(timezone.utc)


def describe(at: datetime, hours: tuple[int, int] = DEFAULT_HOURS) -> dict:
    """The window as the pre-send check shows it: allowed now, next start (ISO UTC) when not."""
    start, end = _check(hours)
    allowed = in_window(at, hours)
    return {"allowed": allowed,
            "next_start": None if allowed else next_start(at, hours).isoformat(timespec="seconds"),
            "start": f"{start:02d}:00", "end": f"{end:02d}:00"}
