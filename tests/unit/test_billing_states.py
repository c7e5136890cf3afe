"""Fee states at every boundary: trial end, reminders, 即将到期, 宽限期, 已停用, leap years, merging, China midnight."""
from datetime import date, datetime, timezone

import pytest

from chalicelib.domain.billing.states import (
    ACTIVE,
    EXPIRING,
    GRACE,
    STOPPED,
    TRIAL,
    china_date,
    derive,
    due_reminder,
    merge,
    trial_period,
)

D = date.fromisoformat
TRIAL_2026 = trial_period(D("2026-11-01"), 30)  # 2026-11-01 .. 2026-11-30


def state(today, payments=(), trial=TRIAL_2026, grace=7):
    return derive(D(today), trial, [(D(a), D(b)) for a, b in payments], grace)


def test_trial_covers_approval_day_plus_29_days():
    assert TRIAL_2026 == (D("2026-11-01"), D("2026-11-30"))
    assert state("2026-11-01").state == TRIAL


@pytest.mark.parametrize("today,expected,days_left", [
    ("2026-11-14", TRIAL, 16), ("2026-11-15", EXPIRING, 15), ("2026-11-25", EXPIRING, 5),
    ("2026-11-30", EXPIRING, 0), ("2026-12-01", GRACE, -1), ("2026-12-07", GRACE, -7), ("2026-12-08", STOPPED, -8),
])
def test_trial_boundaries(today, expected, days_left):
    fee = state(today)
    assert (fee.state, fee.days_left) == (expected, days_left)
    assert fee.paid_until == D("2026-11-30")
    assert fee.grace_ends == D("2026-12-07")


def test_labels():
    assert state("2026-11-01").label == "试用中"
    assert state("2026-12-08").label == "已停用"


@pytest.mark.parametrize("today,expected", [
    ("2026-11-15", "expiry_15"), ("2026-11-16", None), ("2026-11-25", "expiry_5"), ("2026-11-26", None),
    ("2026-12-01", "grace_started"), ("2026-12-02", None), ("2026-12-08", None),
])
def test_due_reminder(today, expected):
    assert due_reminder(D(today), state(today), [15, 5]) == expected


def test_payment_touching_the_trial_extends_it_and_ends_the_trial_at_once():
    paid = [("2026-12-01", "2027-11-30")]
    assert state("2026-11-20", paid).state == ACTIVE  # touching the trial: one period, a year left, paid
    assert state("2026-11-20", paid).paid_until == D("2027-11-30")
    assert state("2027-11-14", paid).state == ACTIVE
    assert state("2027-11-15", paid).state == EXPIRING
    assert state("2027-12-07", paid).state == GRACE
    assert state("2027-12-08", paid).state == STOPPED


def test_a_payment_after_a_gap_leaves_the_trial_as_it_is():
    fee = state("2026-11-10", [("2026-12-05", "2027-12-04")])
    assert (fee.state, fee.paid_until) == (TRIAL, D("2026-11-30"))


def test_overlapping_payments_merge():
    paid = [("2026-12-01", "2027-05-31"), ("2027-03-01", "2027-11-30")]
    fee = state("2027-04-01", paid)
    assert (fee.state, fee.paid_until) == (ACTIVE, D("2027-11-30"))


def test_touching_payments_merge():
    assert merge([(D("2027-01-01"), D("2027-01-31")), (D("2027-02-01"), D("2027-02-28"))]) == [
        (D("2027-01-01"), D("2027-02-28"))]


def test_gap_between_payments_means_grace_then_stopped_then_active_again():
    paid = [("2026-12-01", "2026-12-31"), ("2027-02-01", "2027-12-31")]
    assert merge([(D(a), D(b)) for a, b in paid]) == [(D(a), D(b)) for a, b in paid]
    assert state("2027-01-05", paid).state == GRACE
    assert state("2027-01-08", paid).state == STOPPED
    assert state("2027-01-08", paid).paid_until == D("2026-12-31")
    assert state("2027-02-01", paid).state == ACTIVE


def test_future_payment_not_started_does_not_cover_today():
    paid = [("2027-03-01", "2028-02-29")]
    fee = state("2026-12-03", paid)
    assert (fee.state, fee.paid_until) == (GRACE, D("2026-11-30"))
    assert state("2026-12-20", paid).state == STOPPED


def test_payment_recorded_during_grace_covering_today_is_active_at_once():
    assert state("2026-12-03").state == GRACE
    fee = state("2026-12-03", [("2026-12-03", "2027-12-02")])
    assert (fee.state, fee.paid_until, fee.days_left) == (ACTIVE, D("2027-12-02"), 364)


def test_payment_recorded_while_stopped_restores():
    assert state("2027-01-10", [("2027-01-10", "2027-02-28")]).state == ACTIVE


def test_period_ending_on_leap_day():
    paid = [("2027-03-01", "2028-02-29")]
    trial = (D("2027-02-01"), D("2027-02-28"))
    assert (state("2028-02-13", paid, trial).state, state("2028-02-13", paid, trial).days_left) == (ACTIVE, 16)
    assert (state("2028-02-14", paid, trial).state, state("2028-02-14", paid, trial).days_left) == (EXPIRING, 15)
    assert state("2028-03-07", paid, trial).state == GRACE
    assert state("2028-03-08", paid, trial).state == STOPPED


def test_trial_starting_in_a_leap_february():
    trial = trial_period(D("2028-02-01"), 30)
    assert trial == (D("2028-02-01"), D("2028-03-01"))
    assert state("2028-03-01", trial=trial).state == EXPIRING
    assert state("2028-03-02", trial=trial).state == GRACE


def test_no_period_at_all_is_stopped():
    fee = derive(D("2026-12-01"), None, [], 7)
    assert (fee.state, fee.paid_until, fee.grace_ends) == (STOPPED, None, None)


def test_trial_only_covers_when_no_payment_covers_today():
    fee = state("2026-11-05", [("2026-11-05", "2027-11-04")])
    assert fee.state == ACTIVE


def test_china_midnight():
    assert china_date(datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)) == D("2026-12-01")
    assert china_date(datetime(2026, 11, 30, 15, 59, 59, tzinfo=timezone.utc)) == D("2026-11-30")
    today = china_date(datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc))
    assert derive(today, TRIAL_2026, [], 7).state == GRACE
