"""Guard items (GuardModel): every write is conditional, so parallel requests can never all pass one rule."""
from datetime import datetime, timezone

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, UpdateError

from chalicelib.adapters.models import GuardModel


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
    item, condition = claim_item(guard_id, owner, until, replacing)
    return conditional(item.save, condition=condition)


def claim_item(guard_id: str, owner: str, until: int, replacing: str | None) -> tuple[GuardModel, object]:
    """The item and condition of claim(), for a caller that writes them inside its own transaction."""
    condition = GuardModel.lock_id.does_not_exist() | (GuardModel.owner == owner)
    if replacing:
        condition = condition | (GuardModel.owner == replacing)
    return GuardModel(guard_id, owner=owner, until=until), condition


def read(guard_id: str) -> GuardModel | None:
    try:
        return GuardModel.get(guard_id, consistent_read=True)
    except DoesNotExist:
        return None


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
