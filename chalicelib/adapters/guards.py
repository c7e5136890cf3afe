"""Guard items (GuardModel): every write is conditional, so parallel requests can never all pass one rule.
Read as `Guard` records."""
from dataclasses import dataclass
from datetime import datetime, timezone

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, TransactWriteError, UpdateError

from chalicelib.adapters.models import GuardModel


@dataclass(frozen=True)
class Guard:
    """A guard as stored: who holds it, a count, a moment it is locked or taken until (epoch seconds)."""

    lock_id: str
    owner: str | None = None
    tally: int | None = None
    until: int | None = None


@dataclass(frozen=True)
class Claim:
    """A claim of a guard for `owner` (until `until`), allowed over a stale holder `replacing`: what a caller
    hands to a store that writes the claim inside its own transaction."""

    guard_id: str
    owner: str
    until: int
    replacing: str | None = None


def count_up(guard_id: str, limit: int, at: int = 0, keep_seconds: int | None = None) -> int | None:
    """Count one more unless `limit` are counted or the guard is locked past `at`: the new tally, or None."""
    guard = GuardModel(guard_id)
    unlocked = GuardModel.until.does_not_exist() | (GuardModel.until <= at)
    room = GuardModel.tally.does_not_exist() | (GuardModel.tally < limit)
    actions = [GuardModel.tally.add(1)]
    if keep_seconds:
        actions.append(GuardModel.ttl.set(_moment(at + keep_seconds)))
    if not conditional(guard.update, actions=actions, condition=unlocked & room):
        return None
    return guard.tally


def count_down(guard_id: str) -> None:
    """Give one back (never below zero: a guard cleared meanwhile stays cleared)."""
    conditional(GuardModel(guard_id).update, actions=[GuardModel.tally.add(-1)], condition=GuardModel.tally > 0)


def start_count(guard_id: str, tally: int) -> None:
    """Create a counter at `tally` unless it exists (counters for records made before there were counters)."""
    conditional(GuardModel(guard_id, tally=tally).save, condition=GuardModel.lock_id.does_not_exist())


def lock(guard_id: str, until: int, keep_seconds: int) -> None:
    GuardModel(guard_id).update(actions=[GuardModel.tally.set(0), GuardModel.until.set(until),
                                         GuardModel.ttl.set(_moment(until + keep_seconds))])


def take_slot(guard_id: str, at: int, every: int) -> int:
    """Take the slot if its last taker was `every` seconds ago or more: 0, else the seconds left to wait."""
    guard = GuardModel(guard_id)
    free = GuardModel.until.does_not_exist() | (GuardModel.until <= at)
    if conditional(guard.update, actions=[GuardModel.until.set(at + every), GuardModel.ttl.set(_moment(at + every))],
                    condition=free):
        return 0
    current = read(guard_id)
    return max(1, int(current.until) - at) if current and current.until else every


class ClaimLost(Exception):
    """Another holder took the guard first."""


def claim(guard_id: str, owner: str, until: int, replacing: str | None) -> bool:
    """Hold the guard for `owner`, if it is free, already `owner`'s, or still `replacing`'s (a stale holder)."""
    item, condition = claim_item(Claim(guard_id, owner, until, replacing))
    return conditional(item.save, condition=condition)


def claim_item(claim: Claim) -> tuple[GuardModel, object]:
    """The item and condition of claim(), for a store that writes them inside its own transaction."""
    condition = GuardModel.lock_id.does_not_exist() | (GuardModel.owner == claim.owner)
    if claim.replacing:
        condition = condition | (GuardModel.owner == claim.replacing)
    return GuardModel(claim.guard_id, owner=claim.owner, until=claim.until), condition


def release(guard_id: str, owner: str) -> bool:
    """Give up a claim `owner` holds (another holder's stays): True when it was released."""
    return conditional(GuardModel(guard_id).delete, condition=GuardModel.owner == owner)


def read(guard_id: str) -> Guard | None:
    try:
        item = GuardModel.get(guard_id, consistent_read=True)
    except DoesNotExist:
        return None
    return Guard(item.lock_id, item.owner, _int(item.tally), _int(item.until))


def _int(value) -> int | None:
    return None if value is None else int(value)


def clear(guard_id: str) -> None:
    GuardModel(guard_id).delete()


def _moment(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc)


def conditional(write, **kwargs) -> bool:
    """Run a PynamoDB write (save, update, delete) with its condition: True when it happened, False when the
    condition did not hold."""
    try:
        write(**kwargs)
        return True
    except (PutError, UpdateError, DeleteError) as error:
        if getattr(error, "cause_response_code", "") == "ConditionalCheckFailedException":
            return False
        raise


def failed_conditions(error: TransactWriteError) -> list[bool]:
    """Per item of a cancelled transaction, in the order written: True where that item's own condition did not
    hold (the others were cancelled with it)."""
    return [bool(reason and reason.code == "ConditionalCheckFailed") for reason in (error.cancellation_reasons or [])]


def first_condition_failed(error: TransactWriteError) -> bool:
    return failed_conditions(error)[:1] == [True]
