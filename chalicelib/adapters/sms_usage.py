"""Usage counters: a tenant's messages per China day and month (the spend guard) and a provider's sends
per second (the rate limit); every increase is one conditional write, so parallel workers never pass a cap."""
from datetime import datetime, timezone

from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import conditional, failed_conditions
from chalicelib.adapters.sms_models import SmsUsageModel

KEEP_SECOND = 120  # a per-second counter is garbage a minute later
KEEP_PERIOD = 400 * 86400


def _periods(day: str) -> tuple[str, str]:
    return f"day#{day}", f"month#{day[:7]}"


def used(tenant_id: str, day: str) -> tuple[int, int]:
    """(messages today, messages this month) for a China date 'YYYY-MM-DD'."""
    return tuple(_count(tenant_id, period) for period in _periods(day))


def _count(owner: str, period: str) -> int:
    try:
        return int(SmsUsageModel.get(owner, period, consistent_read=True).count)
    except DoesNotExist:
        return 0


def reserve(tenant_id: str, count: int, day: str, daily_cap: int, monthly_cap: int, now_epoch: int) -> bool:
    """Count `count` messages against today and this month in one transaction; False (nothing counted)
    when either cap would be exceeded."""
    if count <= 0:
        return True
    try:
        with TransactWrite(connection=Connection(region=SmsUsageModel.Meta.region)) as transaction:
            for period, cap in zip(_periods(day), (daily_cap, monthly_cap)):
                transaction.update(
                    SmsUsageModel(tenant_id, period),
                    actions=[SmsUsageModel.count.add(count), SmsUsageModel.expires.set(_expiry(now_epoch))],
                    condition=SmsUsageModel.count.does_not_exist() | (SmsUsageModel.count <= cap - count))
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            return False
        raise
    return True


def release(tenant_id: str, count: int, day: str) -> None:
    """Give back a reservation that was not sent (a throttled chunk, recipients another worker claimed)."""
    if count > 0:
        for period in _periods(day):
            SmsUsageModel(tenant_id, period).update(actions=[SmsUsageModel.count.add(-count)])


def take_rate(provider: str, count: int, epoch_second: int, limit: int) -> bool:
    """Take `count` sends of the provider's `limit` per second for this second; False when it is full."""
    item = SmsUsageModel(f"provider#{provider}", f"second#{epoch_second}")
    return conditional(
        item.update, actions=[SmsUsageModel.count.add(count), SmsUsageModel.expires.set(_at(epoch_second + KEEP_SECOND))],
        condition=SmsUsageModel.count.does_not_exist() | (SmsUsageModel.count <= limit - count))


def _expiry(now_epoch: int) -> datetime:
    return _at(now_epoch + KEEP_PERIOD)


def _at(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, timezone.utc)
