"""Growth series for the platform home: the last N China days, each day's count and the running total."""
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))  # no daylight saving: a fixed offset needs no tz database
WINDOWS = (7, 30)


def china_day(moment: datetime | None = None) -> str:
    """The China date (YYYY-MM-DD) of `moment` (default now); a naive moment is taken as UTC."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(CHINA).date().isoformat()


def last_days(count: int, today: str) -> list[str]:
    """`count` China dates ending with `today`, oldest first."""
    end = date.fromisoformat(today)
    return [(end - timedelta(days=back)).isoformat() for back in range(count - 1, -1, -1)]


def series(days: list[str], per_day: dict, total_now: int) -> dict:
    """{"daily": each day's net change, "total": running total at each day's end}; the last day's total is today's
    total, earlier ones subtract what came later (so history before the window needs no reading). A rollback or a
    tenant's deletion counts on its own day (adapters/counters.py), so the two agree; a total is never below zero."""
    daily = [int(per_day.get(day, 0)) for day in days]
    totals, running = [], int(total_now)
    for count in reversed(daily):
        totals.append(max(running, 0))
        running -= count
    return {"daily": daily, "total": list(reversed(totals))}
