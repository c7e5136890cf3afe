"""Work waiting for a tenant's lease: its re-sent body, its growing delay, and how long it has waited."""
from datetime import datetime, timedelta, timezone

from chalicelib.domain.lease_wait import Wait, unwrap, wrap

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
EVENT = {"detail-type": "Object Created", "detail": {"bucket": {"name": "b"}, "object": {"key": "k"}}}


def test_a_first_delivery_is_the_work_itself_and_has_not_waited():
    work, wait = unwrap(EVENT)
    assert work == EVENT and wait == Wait() and wait.waited(T0) == timedelta(0)


def test_a_re_sent_body_gives_back_the_same_work_and_the_wait_so_far():
    wait = Wait().after_busy(T0).after_busy(T0 + timedelta(seconds=5))
    work, again = unwrap(wrap(EVENT, wait))
    assert work == EVENT and again == Wait(2, T0.isoformat(timespec="seconds"))
    assert again.waited(T0 + timedelta(hours=2)) == timedelta(hours=2)


def test_the_wait_is_counted_from_the_first_time_the_lease_was_taken():
    wait = Wait()
    for minute in range(30):
        wait = wait.after_busy(T0 + timedelta(minutes=minute))
    assert wait.waits == 30 and wait.since == T0.isoformat(timespec="seconds")


def test_the_delay_doubles_from_the_first_and_stops_at_the_longest_and_at_sqs_limit():
    delays = [Wait(n).delay_seconds(5, 60) for n in range(1, 9)]
    assert delays == [5, 10, 20, 40, 60, 60, 60, 60]
    assert Wait(40).delay_seconds(5, 3600) == 900


def test_a_body_that_only_looks_wrapped_is_treated_as_the_work():
    body = {"lease_wait": "not a wait", "type": "apply"}
    assert unwrap(body) == (body, Wait())
