"""Leases and claims in the locks table: conditional writes, so two workers never both win."""
import time
from datetime import datetime, timezone

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import LockModel

CLAIM_KEEP_SECONDS = 30 * 24 * 3600


def acquire(lock_id: str, owner: str, lease_seconds: int, now: float | None = None) -> bool:
    """Take the lease if it is free, expired, or already ours."""
    now = time.time() if now is None else now
    lease = LockModel(lock_id, owner=owner, expires_at=int(now) + lease_seconds, ttl=_at(now + lease_seconds))
    condition = (LockModel.lock_id.does_not_exist() | (LockModel.expires_at < int(now))
                 | (LockModel.owner == owner))
    return conditional(lease.save, condition=condition)


def release(lock_id: str, owner: str) -> None:
    conditional(LockModel(lock_id).delete, condition=LockModel.owner == owner)


def claim(claim_id: str, owner: str) -> str:
    """The owner of `claim_id`: `owner` if this call made the claim, else whoever made it first."""
    now = int(time.time())
    record = LockModel(claim_id, owner=owner, expires_at=now + CLAIM_KEEP_SECONDS, ttl=_at(now + CLAIM_KEEP_SECONDS))
    if conditional(record.save, condition=LockModel.lock_id.does_not_exist()):
        return owner
    return LockModel.get(claim_id, consistent_read=True).owner


def _at(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc)

