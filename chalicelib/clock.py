"""The current time, as stored: ISO-8601 UTC to the second (shown in China time)."""
from datetime import datetime, timezone


def now_iso(timespec: str = "seconds") -> str:
    return datetime.now(timezone.utc).isoformat(timespec=timespec)


def time_id(suffix: str) -> str:
    """IDs that sort by creation time (import history and analyses are key-ordered queries)."""
    return f"{datetime.now(timezone.utc):%Y%m%d%H%M%S}{suffix}"
