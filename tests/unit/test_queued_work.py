"""A queued message whose tenant's lease is taken comes back as a new delayed message, until it gives up."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.services import queued_work
from chalicelib.services.imports.lease import ImportBusy

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
WORK = {"type": "apply", "tenant_id": "t1", "analysis_id": "a1"}


class Queue:
    def __init__(self):
        self.sent = []  # (body, delay)

    def send(self, _url, message, delay_seconds=0):
        self.sent.append((message, delay_seconds))


def busy(_work):
    raise ImportBusy("t1")


def run(body, handle, queue, now, given_up):
    queued_work.run(json.dumps(body), handle, lambda work, waited: given_up.append((work, waited)),
                    queue_url="q", send=queue.send, now=lambda: now)


def test_work_that_finds_the_lease_free_runs_once_and_sends_nothing():
    queue, ran = Queue(), []
    run(WORK, ran.append, queue, T0, [])
    assert ran == [WORK] and queue.sent == []


def test_busy_work_is_re_sent_with_a_growing_delay_and_the_time_it_first_waited():
    queue, given_up = Queue(), []
    body, now = WORK, T0
    for _ in range(6):
        run(body, busy, queue, now, given_up)
        body, delay = queue.sent[-1]
        now += timedelta(seconds=delay)
    assert [delay for _, delay in queue.sent] == [5, 10, 20, 40, 60, 60]
    assert body["work"] == WORK and body["lease_wait"] == {"waits": 6, "since": T0.isoformat()}
    assert given_up == []


def test_work_busy_for_six_hours_gives_up_once_and_is_not_sent_again():
    queue, given_up = Queue(), []
    body = {"lease_wait": {"waits": 300, "since": T0.isoformat()}, "work": WORK}
    run(body, busy, queue, T0 + timedelta(hours=6), given_up)
    assert given_up == [(WORK, timedelta(hours=6))] and queue.sent == []


def test_any_other_error_is_left_to_the_queue_to_deliver_again():
    def broken(_work):
        raise RuntimeError("DynamoDB throttled")

    queue = Queue()
    with pytest.raises(RuntimeError):
        run(WORK, broken, queue, T0, [])
    assert queue.sent == []
