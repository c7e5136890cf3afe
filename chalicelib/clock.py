"""The current time, as stored: ISO-8601 UTC to the second (shown in China time)."""
from datetime import datetime, timezone


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def import_id_now(suffix: str) -> str:
    """Job IDs sort by creation time (the history is a key-ordered query)."""
    return f"{datetime.now(timezone.utc):%Y%m%d%H%M%S}{suffix}"
