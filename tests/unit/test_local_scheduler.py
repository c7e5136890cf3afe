"""The local monthly schedule fires when EventBridge's cron(0 18 L * ? *) would: 02:00 China time on the 1st."""
import threading
from datetime import datetime, timezone

from local.scheduler import MonthlyScheduler, next_run


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_the_next_run_is_the_coming_first_of_the_month_at_two_in_china():
    assert next_run(utc("2026-11-24T00:00:00")) == utc("2026-11-30T18:00:00")
    assert next_run(utc("2026-10-31T17:59:59")) == utc("2026-10-31T18:00:00")
    assert next_run(utc("2026-10-31T18:00:00")) == utc("2026-11-30T18:00:00")
    assert next_run(utc("2026-12-31T19:00:00")) == utc("2027-01-31T18:00:00")


def test_the_scheduler_fires_once_the_time_has_come():
    fired = threading.Event()
    moments = iter([utc("2026-10-31T17:59:59")] + [utc("2026-10-31T18:00:01")] * 10)
    scheduler = MonthlyScheduler(lambda due: fired.set() if due == utc("2026-10-31T18:00:00") else None,
                                 now=lambda: next(moments, utc("2026-10-31T18:00:01")))
    scheduler.start()
    try:
        assert fired.wait(5)
    finally:
        scheduler.stop()
