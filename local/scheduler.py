"""The local stand-in for the EventBridge schedule: fires the monthly analysis at 02:00 China time on the 1st."""
import sys
import threading
from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
LONGEST_NAP = 3600  # wake hourly: a laptop that slept past the time still fires soon after waking


def next_run(after: datetime) -> datetime:
    """The first 1st-of-the-month 02:00 China time strictly after `after`."""
    local = after.astimezone(CHINA)
    candidate = local.replace(day=1, hour=2, minute=0, second=0, microsecond=0)
    if candidate <= local:
        month = candidate.month % 12 + 1
        candidate = candidate.replace(year=candidate.year + (candidate.month == 12), month=month)
    return candidate.astimezone(timezone.utc)


class MonthlyScheduler:
    def __init__(self, fire, now=lambda: datetime.now(timezone.utc)):
        self.fire, self.now = fire, now
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="monthly-scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        due = next_run(self.now())
        while not self._stopping.wait(min(max((due - self.now()).total_seconds(), 0), LONGEST_NAP)):
            if self.now() >= due:
                try:
                    self.fire(due)
                except Exception as error:  # keep the schedule; the next month tries again
                    print(f"[local] monthly analysis failed to start: {error!r}", file=sys.stderr, flush=True)
                due = next_run(self.now())


def next_daily(after: datetime, hour: int) -> datetime:
    """The first `hour`:00 China time strictly after `after`."""
    local = after.astimezone(CHINA)
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate.astimezone(timezone.utc)


class Repeating:
    """Fires `fire(now)` every `seconds` (the campaign clock, the template review poll) and, when `daily_hour`
    is given, once a day at that China hour instead (生日关怀 at 09:00)."""

    def __init__(self, fire, seconds: float, name: str, daily_hour: int | None = None,
                 now=lambda: datetime.now(timezone.utc)):
        self.fire, self.seconds, self.name, self.daily_hour, self.now = fire, seconds, name, daily_hour, now
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)

    def _due(self) -> datetime:
        return next_daily(self.now(), self.daily_hour) if self.daily_hour is not None else \
            self.now() + timedelta(seconds=self.seconds)

    def _run(self) -> None:
        due = self._due()
        while not self._stopping.wait(min(max((due - self.now()).total_seconds(), 0), LONGEST_NAP)):
            if self.now() >= due:
                try:
                    self.fire(due)
                except Exception as error:  # keep the schedule; the next turn tries again
                    print(f"[local] {self.name} failed: {error!r}", file=sys.stderr, flush=True)
                due = self._due()
