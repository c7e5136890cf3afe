"""Calendar dates people send as YYYY-MM-DD (analysis windows, `make monthly --date`): one parser, with bounds.

Every date a request or a command line hands over goes through `parse_day`, so none reaches
datetime arithmetic (a window's last second, a month before it, ten years after it) outside the
range that arithmetic and the order store can hold: the same range an order's date may have.
"""
from datetime import date

from chalicelib.errors import ValidationFailed

EARLIEST, LATEST = date(1990, 1, 1), date(2099, 12, 31)  # orders: from EARLIEST to today
MAX_TEXT = 20  # what a message echoes of a bad value


class BadDate(ValidationFailed):
    """A date that is missing, malformed or outside EARLIEST..LATEST (400); the message says what to send."""


def parse_day(value, label: str, earliest: date = EARLIEST, latest: date = LATEST) -> date:
    """The date `value` spells as YYYY-MM-DD, between `earliest` and `latest`; else BadDate naming `label`."""
    if not isinstance(value, str) or not value.strip():
        raise BadDate(f"请填写{label}（格式 YYYY-MM-DD）")
    text = value.strip()
    try:
        # fromisoformat alone also takes 20260301 and 2026-W10-1; people mean the dashed form
        day = date.fromisoformat(text) if len(text) == 10 and text[4] == "-" == text[7] else None
    except ValueError:
        day = None
    if day is None:
        raise BadDate(f"{label}应为 YYYY-MM-DD 格式的有效日期（如 2026-03-01），收到的是 {text[:MAX_TEXT]!r}")
    if not earliest <= day <= latest:
        raise BadDate(f"{label} {day} 超出可选范围，请选择 {earliest} 至 {latest} 之间的日期")
    return day
