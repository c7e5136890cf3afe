"""Maintained platform counters (issue 13): every fact adds to them where it happens, nothing is scanned.

Items (table counters, `scope` + `key`):
- scope "platform", key <metric>: the platform's totals; key "<China day>#<metric>": that day's additions.
- scope "tenant#<id>", key <metric>: one tenant's totals.
- scope "rank#<metric>", key <tenant id>: the same tenant totals again, one partition per ranked metric, so the
  top tenants are one Query of a partition (a few thousand small items at most) instead of a scan or a query
  per tenant. No index can be added, and a fixed "top 10" item cannot be kept exact when values also go down
  (rollbacks, deletions), so the partition is the simplest thing that stays right.
Every change is an UpdateItem ADD, so parallel writers never lose a count.
"""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.platform_models import CounterModel
from chalicelib.clock import now_iso
from chalicelib.domain.stats.growth import china_day, last_days

PLATFORM = "platform"
METRICS = ("tenants", "customers", "orders", "analyses", "campaigns", "sms_sent", "sms_cost_li", "imports")
RANKED = ("customers", "orders", "sms_sent", "sms_cost_li")


def _tenant_scope(tenant_id: str) -> str:
    return f"tenant#{tenant_id}"


def _rank_scope(metric: str) -> str:
    return f"rank#{metric}"


def _add(scope: str, key: str, amount: int) -> None:
    CounterModel(scope, key).update(actions=[CounterModel.value.add(amount), CounterModel.updated_at.set(now_iso())])


def count(tenant_id: str | None, amounts: dict, at: datetime | None = None) -> None:
    """Add `amounts` ({metric: number}) atomically to the platform's totals, the platform's China day at `at`
    (default now) and, with a tenant, the tenant's totals (and its rank entries)."""
    day = china_day(at)
    for metric, amount in amounts.items():
        amount = int(amount or 0)
        if not amount:
            continue
        _add(PLATFORM, metric, amount)
        _add(PLATFORM, f"{day}#{metric}", amount)
        if tenant_id:
            _add(_tenant_scope(tenant_id), metric, amount)
            if metric in RANKED:
                _add(_rank_scope(metric), tenant_id, amount)


def _values(scope: str, names=METRICS) -> dict:
    # Metric keys start with a letter, day keys with a digit: the range reads the totals, not a year of days.
    found = {item.key: int(item.value or 0) for item in CounterModel.query(scope, CounterModel.key >= "a")
             if item.key in names}
    return {name: found.get(name, 0) for name in names}


def platform_totals() -> dict:
    """{metric: total} over the whole platform."""
    return _values(PLATFORM)


def tenant_totals(tenant_id: str) -> dict:
    """{metric: total} of one tenant."""
    return _values(_tenant_scope(tenant_id))


def daily(metric_names, days: int, today: str | None = None) -> dict:
    """{"days": the last `days` China dates, metric: {day: added that day}}: one Query of a key range."""
    dates = last_days(days, today or china_day())
    wanted = set(metric_names)
    result = {"days": dates, **{name: {} for name in metric_names}}
    items = CounterModel.query(PLATFORM, CounterModel.key.between(f"{dates[0]}#", f"{dates[-1]}#~"))
    for item in items:
        day, _, metric = item.key.partition("#")
        if metric in wanted:
            result[metric][day] = int(item.value or 0)
    return result


def ranking(metric: str) -> dict:
    """{tenant_id: total} for every tenant with a non-zero `metric` (a ranked metric)."""
    return {item.key: int(item.value or 0) for item in CounterModel.query(_rank_scope(metric)) if item.value}


def top_tenants(metric: str, n: int) -> list[tuple[str, int]]:
    """The `n` tenants with the highest `metric` as (tenant_id, value), highest first."""
    ranked = sorted(ranking(metric).items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:n]


def set_totals(tenant_id: str | None, values: dict) -> None:
    """Overwrite totals (the backfill): the platform's when `tenant_id` is None, else the tenant's and its ranks."""
    scope = _tenant_scope(tenant_id) if tenant_id else PLATFORM
    for metric, value in values.items():
        CounterModel(scope, metric, value=int(value), updated_at=now_iso()).save()
        if tenant_id and metric in RANKED:
            CounterModel(_rank_scope(metric), tenant_id, value=int(value), updated_at=now_iso()).save()


def set_day(day: str, values: dict) -> None:
    """Overwrite one China day's additions (the backfill)."""
    for metric, value in values.items():
        CounterModel(PLATFORM, f"{day}#{metric}", value=int(value), updated_at=now_iso()).save()


def delete_tenant(tenant_id: str, at: datetime | None = None) -> None:
    """Take the tenant's totals off the platform's totals and the rankings, then remove its counters. The days it
    contributed to stay as history; the removal counts on the day it happens (`at`, default now), as a rolled-back
    import does, so each day's figure is its net change and the running total agrees with it."""
    day = china_day(at)
    for metric, value in tenant_totals(tenant_id).items():
        if value:
            _add(PLATFORM, metric, -value)
            _add(PLATFORM, f"{day}#{metric}", -value)
    for metric in RANKED:
        _delete(_rank_scope(metric), tenant_id)
    for item in list(CounterModel.query(_tenant_scope(tenant_id))):
        item.delete()


def _delete(scope: str, key: str) -> None:
    try:
        CounterModel.get(scope, key).delete()
    except DoesNotExist:
        pass


def tenants_with_status(status: str) -> int:
    """Tenants in `status`: a COUNT query of the tenants' status index (cheap, no scan), so the status figures
    need no counter that every review action would have to move."""
    from chalicelib.adapters.models import TenantModel

    return TenantModel.status_index.count(status)
