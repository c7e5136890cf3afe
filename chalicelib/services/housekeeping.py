"""The hourly housekeeping round: uploads whose file never came expire, stuck class updates are queued again."""
from datetime import datetime, timezone

from chalicelib.services.analyses import class_update_retry
from chalicelib.services.imports import expiry


def run(now: datetime | None = None) -> dict:
    """One round; what it did, for the log."""
    now = now or datetime.now(timezone.utc)
    return {"expired_uploads": expiry.expire_stale_uploads(now),
            "requeued_class_updates": class_update_retry.requeue_stuck(now)}
