"""Delivers queued events to the handlers Lambda would run, as the SQS event source mapping does."""
import logging
import sys
import threading

log = logging.getLogger(__name__)


class EventPump:
    """Receives from `queue_url` and calls `handler(body, receipt_handle, receive_count)` per message.

    Success deletes the message; an exception leaves it on the queue, so it comes back after its
    visibility timeout (or sooner, when the handler shortened it), exactly as with Lambda.
    """

    def __init__(self, sqs, queue_url: str, handler, name: str = "event-pump"):
        self.sqs, self.queue_url, self.handler = sqs, queue_url, handler
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=30)

    def drain(self) -> int:
        """Handle what is waiting now; returns how many messages succeeded (tests and the CLI)."""
        handled = 0
        while True:
            messages = self._receive(wait=0)
            if not messages:
                return handled
            handled += sum(self._deliver(message) for message in messages)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                for message in self._receive(wait=1):
                    self._deliver(message)
            except Exception as error:  # the endpoint went away while stopping, or a moto hiccup
                if not self._stopping.is_set():
                    print(f"[local] event pump: {error!r}", file=sys.stderr, flush=True)
                    self._stopping.wait(1)

    def _receive(self, wait: int) -> list:
        answer = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=1, WaitTimeSeconds=wait,
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
