"""Delivers queued events to the handlers Lambda would run, as the SQS event source mapping does."""
import logging
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)
IDLE_NAP_SECONDS = 0.5


class EventPump:
    """Receives from `queue_url` and calls `handler(body, receipt_handle, receive_count)` per message.

    Success deletes the message; an exception leaves it on the queue, so it comes back after its
    visibility timeout, exactly as with Lambda. Like Lambda, the running pump handles several
    messages at once (one handler per message, up to `workers`), so one tenant's long import does
    not hold back another tenant's, and concurrency faults show locally as they would in production.
    """

    def __init__(self, sqs, queue_url: str, handler, name: str = "event-pump", workers: int = 4):
        self.sqs, self.queue_url, self.handler, self.workers = sqs, queue_url, handler, workers
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"{name}-handler")
        self._busy = 0
        self._changed = threading.Condition()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Receive no more; give the handlers that run `timeout` seconds to finish, so a stack never
        hangs on stopping behind a long import (the serial pump gave its one handler as long)."""
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()
        self._thread.join(timeout=timeout)
        self._pool.shutdown(wait=False)
        with self._changed:
            self._changed.wait_for(lambda: self._busy == 0, timeout=timeout)

    def drain(self) -> int:
        """Handle, one by one, what is visible now; returns how many succeeded (tests and the CLI).

        Serial on purpose, so tests are deterministic; a message re-sent with a delay (work waiting
        for a tenant's lease) is not visible yet and is left for a later drain or the running pump.
        """
        handled = 0
        while True:
            messages = self._receive(wait=0, count=1)
            if not messages:
                return handled
            handled += sum(self._deliver(message) for message in messages)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                free = self._free_workers()
                received = self._receive(wait=0, count=min(10, free)) if free else []
                for message in received:
                    self._hand_over(message)
                if free and not received:
                    # moto answers a long poll (WaitTimeSeconds) by spinning without a pause: three pumps doing
                    # that held a core's worth of GIL; a short nap between empty receives costs nothing.
                    self._stopping.wait(IDLE_NAP_SECONDS)
            except Exception as error:  # the endpoint went away while stopping, or a moto hiccup
                if not self._stopping.is_set():
                    print(f"[local] event pump: {error!r}", file=sys.stderr, flush=True)
                    self._stopping.wait(1)

    def _free_workers(self) -> int:
        """Waits (a second at most) until a handler thread is free; never receives more than can start now,
        so a received message does not sit unhandled behind another tenant's."""
        with self._changed:
            self._changed.wait_for(lambda: self._busy < self.workers or self._stopping.is_set(), timeout=1)
            return 0 if self._stopping.is_set() else self.workers - self._busy

    def _hand_over(self, message: dict) -> None:
        with self._changed:
            self._busy += 1
        self._pool.submit(self._deliver_then_free, message)

    def _deliver_then_free(self, message: dict) -> None:
        try:
            self._deliver(message)
        except Exception as error:  # deleting failed: the message comes back after its visibility timeout
            print(f"[local] event pump: {error!r}", file=sys.stderr, flush=True)
        finally:
            with self._changed:
                self._busy -= 1
                self._changed.notify_all()

    def _receive(self, wait: int, count: int) -> list:
        answer = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=count, WaitTimeSeconds=wait,
                                          AttributeNames=["ApproximateReceiveCount"])
        return answer.get("Messages", [])

    def _deliver(self, message: dict) -> bool:
        count = int(message.get("Attributes", {}).get("ApproximateReceiveCount", 1))
        try:
            self.handler(message["Body"], message["ReceiptHandle"], count)
        except Exception as error:
            log.info("event left on the queue for a retry: %r", error)
            return False
        self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
        return True
