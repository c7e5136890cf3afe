"""A tenant's fee state from its covered periods (the trial and every payment that counts) and today's China date.

Covered periods that overlap or touch merge. Covered today: paid until the end of the merged period containing
today; 即将到期 from the first reminder day (15 days left) on, else 试用中 when no payment is part of that period
(a payment that continues the trial ends 试用中 at once: the tenant has paid), else 正常.
Not covered: 宽限期 up to grace_days after the last period that ended before today, then 已停用.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))  # no daylight saving: a fixed offset needs no tz database
TRIAL, ACTIVE, EXPIRING, GRACE, STOPPED, NONE = "trial", "active", "expiring", "grace", "stopped", "none"
STATE_LABELS = {TRIAL: "试用中", ACTIVE: "正常", EXPIRING: "即将到期", GRACE: "宽限期", STOPPED: "已停用",
                NONE: "未开通"}
STATES = (TRIAL, ACTIVE, EXPIRING, GRACE, STOPPED)
ONE_DAY = timedelta(days=1)

Period = tuple[date, date]  # first and last covered day, both included


@dataclass(frozen=True)
class FeeState:
    state: str
    paid_until: date | None  # last covered day of the current (or, when not covered, the latest past) period
    grace_ends: date | None  # last day of 宽限期 after paid_until
    days_left: int | None  # paid_until - today (negative once it has passed)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def china_date(instant: datetime) -> date:
    """The China calendar day of an aware instant (2026-11-30T16:00Z is China 2026-12-01)."""
    return instant.astimezone(CHINA).date()


def china_today() -> date:
    return china_date(datetime.now(timezone.utc))


def trial_period(approved_on: date, trial_days: int) -> Period:
    """The trial: the approval day and the trial_days - 1 days after it."""
    return approved_on, approved_on + timedelta(days=max(trial_days, 1) - 1)


def merge(periods: list[Period]) -> list[Period]:
    """Periods sorted, with overlapping or touching ones (end + 1 day >= next start) joined."""
    merged: list[Period] = []
    for start, end in sorted(p for p in periods if p[0] <= p[1]):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def derive(today: date, trial: Period | None, payments: list[Period], grace_days: int,
           expiring_within: int = 15) -> FeeState:
    """The state on `today` (see the module docstring)."""
    merged = merge(([trial] if trial else []) + list(payments))
    current = next((p for p in merged if p[0] <= today <= p[1]), None)
    if current:
        days_left = (current[1] - today).days
        grace_ends = current[1] + timedelta(days=grace_days)
        if days_left <= expiring_within:
            return FeeState(EXPIRING, current[1], grace_ends, days_left)
        paid = any(start <= current[1] and end >= current[0] for start, end in payments)
        return FeeState(ACTIVE if paid else TRIAL, current[1], grace_ends, days_left)
    past = [p for p in merged if p[1] < today]
    if not past:
        return FeeState(STOPPED, None, None, None)
    ended = past[-1][1]
    grace_ends = ended + timedelta(days=grace_days)
    return FeeState(GRACE if today <= grace_ends else STOPPED, ended, grace_ends, (ended - today).days)


def due_reminder(today: date, fee: FeeState, remind_days: list[int]) -> str | None:
    """The reminder due today, if any: "expiry_<n>" when n days are left (n in remind_days), "grace_started" on
    the first day of 宽限期."""
    if fee.state in (TRIAL, ACTIVE, EXPIRING) and fee.days_left in remind_days:
        return f"expiry_{fee.days_left}"
    if fee.state == GRACE and fee.paid_until and today == fee.paid_until + ONE_DAY:
        return "grace_started"
    return None
