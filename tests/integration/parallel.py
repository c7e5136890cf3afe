"""Firing calls at the same moment, against a moto that applies each DynamoDB request atomically."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from moto.dynamodb.responses import DynamoHandler


def all_at_once(*calls):
    """Run every call in its own thread, released together by a barrier; results (or raised errors) in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=60)
        try:
            return call()
        except Exception as error:  # the caller asserts on what each request answered
            return error

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def atomic_dynamodb(monkeypatch):
    """DynamoDB applies each request (a conditional update, a transaction) atomically; moto keeps no lock of
    its own, so without this two threads could both pass one condition and the test would blame our code."""
    lock = threading.Lock()
    original = DynamoHandler.call_action

    def call_action(self):
        with lock:
            return original(self)

    monkeypatch.setattr(DynamoHandler, "call_action", call_action)


class Counter:
    """Counts calls of a wrapped function from any thread."""

    def __init__(self, function):
        self.function, self.calls, self._lock = function, 0, threading.Lock()

    def __call__(self, *args, **kwargs):
        with self._lock:
            self.calls += 1
        return self.function(*args, **kwargs)
