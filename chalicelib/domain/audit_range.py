"""The audit log's date filter: China dates in, the months to read and the UTC bounds of `at` out."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
DEFAULT_DAYS = 30
MAX_DAYS = 366


@dataclass(frozen=True)
class AuditRange:
    start: str  # UTC ISO, inclusive
    end: str  # UTC ISO, exclusive (compares below any entry at that very instant)
    months: tuple[str, ...]  # "YYYY-MM", newest first


def audit_range(start: str, end: str, today: date) -> AuditRange:
    """From/to China dates (YYYY-MM-DD; empty = the last 30 days up to today). Raises ValueError naming the field."""
    last = _day(end, "to") if end else today
    first = _day(start, "from") if start else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ValueError("from:开始日期不能晚于结束日期")
    if (last - first).days >= MAX_DAYS:
        raise ValueError(f"from:一次最多查询 {MAX_DAYS} 天，请缩小日期范围")
    return AuditRange(_utc(first), _utc(last + timedelta(days=1)), _months(first, last))


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{field}:日期格式应为 YYYY-MM-DD") from None


def _utc(day: date) -> str:
    """China midnight of `day` in the stored form's prefix (no fraction, no offset)."""
    return datetime.combine(day, time(), CHINA).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _months(first: date, last: date) -> tuple[str, ...]:
    months, year, month = [], last.year, last.month
    while (year, month) >= (first.year, first.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(months)


def china_time(at: str) -> str:
    """A stored UTC ISO time as people read it: YYYY-MM-DD HH:MM:SS, China time."""
    return datetime.fromisoformat(at).astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")
