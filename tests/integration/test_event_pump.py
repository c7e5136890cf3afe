"""The local event pump runs handlers side by side, as Lambda's SQS trigger does, with the real import worker."""
import threading
import time
from contextlib import contextmanager

import pytest

from chalicelib import config
from chalicelib.adapters.aws import client
from chalicelib.events.imports import handle_message
from chalicelib.services.imports import events as import_events
from local.event_pump import EventPump
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, customer_rows, job, put_upload, start

DEADLINE_SECONDS = 60


class Gate:
    """Holds every import of a file named slow.csv inside the worker until opened."""

    def __init__(self, monkeypatch):
        self.entered, self.opened = threading.Event(), threading.Event()
        read_table = import_events.read_table

        def held(content, filename, *args, **kwargs):
            if filename == "slow.csv":
                self.entered.set()
                assert self.opened.wait(DEADLINE_SECONDS), "the test never opened the gate"
            return read_table(content, filename, *args, **kwargs)

        monkeypatch.setattr(import_events, "read_table", held)


@contextmanager
def running_pump(resources):
    pump = EventPump(client("sqs"), resources.queues["ImportQueue"], handle_message, "test-import-pump")
    pump.start()
    try:
        yield pump
    finally:
        pump.stop()


def eventually(check, what: str):
    """Polls until `check()` is true or the deadline passes (the pump works in other threads)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def upload(api, token: str, filename: str, rows: int = 3) -> str:
    started = start(api, token, "customers", filename)
    put_upload(started, csv_file(CUSTOMER_HEADER, *customer_rows(rows)))
    return started["import_id"]


def status(api, token: str, import_id: str) -> str:
    return job(api, token, import_id)["status"]


@pytest.fixture
def gate(monkeypatch):
    opened = Gate(monkeypatch)
    yield opened
    opened.opened.set()  # never leave a pump thread waiting when a test fails


def test_one_tenants_long_import_does_not_hold_back_another_tenants(api, aws, gate):
    _, token_a = approved_tenant(api, 1)
    _, token_b = approved_tenant(api, 2)
    with running_pump(aws):
        # Given tenant A's import is running and does not finish yet
        slow = upload(api, token_a, "slow.csv")
        assert gate.entered.wait(DEADLINE_SECONDS)
        # When tenant B uploads a file
        quick = upload(api, token_b, "quick.csv")
        # Then B's import completes while A's still runs
        eventually(lambda: status(api, token_b, quick) == "completed", "tenant B's import")
        assert status(api, token_a, slow) == "running"
        gate.opened.set()
        eventually(lambda: status(api, token_a, slow) == "completed", "tenant A's import")


def test_an_import_waiting_behind_one_of_its_own_tenant_shows_queued_then_runs(api, aws, gate, monkeypatch):
    monkeypatch.setattr(config, "LEASE_WAIT_FIRST_DELAY_SECONDS", 1)
    monkeypatch.setattr(config, "LEASE_WAIT_MAX_DELAY_SECONDS", 1)
    _, token = approved_tenant(api, 1)
    with running_pump(aws):
        # Given an import of the tenant is running
        first = upload(api, token, "slow.csv")
        assert gate.entered.wait(DEADLINE_SECONDS)
        # When the tenant uploads another file
        second = upload(api, token, "next.csv", rows=5)
        # Then it shows 排队中 (queued), not 等待上传, while it waits
        eventually(lambda: status(api, token, second) == "queued", "the second import to be queued")
        assert job(api, token, second)["status_label"] == "排队中"
        # And once the first ends, it runs
        gate.opened.set()
        eventually(lambda: status(api, token, second) == "completed", "the second import")
    assert status(api, token, first) == "completed"
    assert job(api, token, second)["counts"]["new"] == 2  # C00001-C00003 came with the first file
