"""Imports and class updates that wait behind another import of their tenant, through the queues of
infra/resources.json with their real redrive policies (maxReceiveCount) in moto, on a simulated clock."""
import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib import config
from chalicelib.adapters import analysis_store, locks, queues
from chalicelib.adapters.aws import client
from chalicelib.adapters.order_store import OrderStore
from chalicelib.events import analyses, imports
from chalicelib.services import queued_work
from tests.integration.analysis_helpers import deliver_analyses, preview, stock_tenant
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import ORDER_HEADER, csv_file, deliver, job, order_rows, put_upload, start


class SimulatedClock:
    """Re-sent work is visible again at once, while the clock moves on by the delay it asked for."""

    def __init__(self, monkeypatch):
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
        self.delays = []
        send = queues.send

        def send_now(queue_url, message, delay_seconds=0):
            self.delays.append(delay_seconds)
            self.now += timedelta(seconds=delay_seconds)
            send(queue_url, message)

        monkeypatch.setattr(queues, "send", send_now)
        monkeypatch.setattr(queued_work, "_utc_now", lambda: self.now)

    @property
    def waited(self) -> timedelta:
        return timedelta(seconds=sum(self.delays))


def max_receive_count(queue_url: str) -> int:
    attributes = client("sqs").get_queue_attributes(QueueUrl=queue_url, AttributeNames=["RedrivePolicy"])
    return int(json.loads(attributes["Attributes"]["RedrivePolicy"])["maxReceiveCount"])


def receive_once(queue_url: str, handler) -> dict:
    """One Lambda-like delivery: receive (visible again at once if not deleted), run, delete on success.

    No receipt handle is given to the handler, so a handler that hands the message back instead of
    finishing leaves it visible, and SQS's receive count (not a clock) decides when it is dead-lettered.
    """
    sqs = client("sqs")
    messages = sqs.receive_message(QueueUrl=queue_url, VisibilityTimeout=0,
                                   AttributeNames=["ApproximateReceiveCount"]).get("Messages", [])
    assert len(messages) == 1, "the waiting work must still be on its queue"
    message = messages[0]
    try:
        handler(message["Body"], None, int(message["Attributes"]["ApproximateReceiveCount"]))
    except Exception:
        return message
    sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return message


def waiting(queue_url: str) -> int:
    attributes = client("sqs").get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed",
                                            "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return sum(int(value) for value in attributes.values())


@pytest.fixture
def tenant(api):
    return approved_tenant(api)


def test_an_import_waiting_far_longer_than_the_redrive_policy_allows_still_completes(api, aws, tenant, monkeypatch):
    tenant_id, token = tenant
    queue, dead_letters = aws.queues["ImportQueue"], aws.queues["ImportDeadLetterQueue"]
    clock = SimulatedClock(monkeypatch)
    limit = max_receive_count(queue)
    # Given another import of the tenant holds the lease, and an order file is uploaded
    locks.acquire(f"import#{tenant_id}", "another-import", 600)
    started = start(api, token, "orders", "o.csv")
    put_upload(started, csv_file(ORDER_HEADER, *order_rows(5)))
    # When the worker receives its event four times as often as maxReceiveCount allows
    counts = [receive_once(queue, imports.handle_message)["Attributes"]["ApproximateReceiveCount"]
              for _ in range(4 * limit)]
    # Then each receive was a new message, the job says it is queued, and it waited (simulated) far longer
    # than maxReceiveCount x the old 15-second hand-back
    assert counts == ["1"] * (4 * limit)
    assert job(api, token, started["import_id"])["status"] == "queued"
    assert clock.waited > timedelta(minutes=15) > timedelta(seconds=limit * 15)
    # When the other import ends
    locks.release(f"import#{tenant_id}", "another-import")
    receive_once(queue, imports.handle_message)
    # Then the import ran once, and nothing is left on the queue or in the dead-letter queue
    done = job(api, token, started["import_id"])
    assert (done["status"], done["counts"]["new"]) == ("completed", 5)
    assert len(OrderStore(tenant_id).read_orders()) == 5
    assert waiting(queue) == 0 and waiting(dead_letters) == 0


def test_a_twin_delivery_of_a_waiting_import_does_not_run_it_again(api, aws, tenant, monkeypatch):
    tenant_id, token = tenant
    queue = aws.queues["ImportQueue"]
    SimulatedClock(monkeypatch)
    locks.acquire(f"import#{tenant_id}", "another-import", 600)
    started = start(api, token, "orders", "o.csv")
    put_upload(started, csv_file(ORDER_HEADER, *order_rows(5)))
    event = client("sqs").receive_message(QueueUrl=queue)["Messages"][0]["Body"]
    # Given the event was delivered twice (EventBridge and SQS deliver at least once) while the lease was held
    imports.handle_message(event)
    imports.handle_message(event)
    assert waiting(queue) == 3  # the original (now invisible) and two re-sent copies
    # When the lease is free and both copies come back
    locks.release(f"import#{tenant_id}", "another-import")
    deliver(aws)
    # Then the import ran once
    assert job(api, token, started["import_id"])["counts"]["new"] == 5
    assert len(OrderStore(tenant_id).batches()) == 1


def test_an_import_still_waiting_after_six_hours_fails_with_a_message_instead_of_staying_queued(
        api, aws, tenant, monkeypatch):
    tenant_id, token = tenant
    queue, dead_letters = aws.queues["ImportQueue"], aws.queues["ImportDeadLetterQueue"]
    clock = SimulatedClock(monkeypatch)
    monkeypatch.setattr(config, "LEASE_WAIT_MAX_DELAY_SECONDS", 900)  # fewer rounds to six simulated hours
    locks.acquire(f"import#{tenant_id}", "stuck-import", 24 * 3600)
    started = start(api, token, "orders", "o.csv")
    put_upload(started, csv_file(ORDER_HEADER, *order_rows(5)))
    # When the lease stays taken for six hours (simulated)
    while waiting(queue):
        receive_once(queue, imports.handle_message)
    # Then the job failed, saying why and what to do; no data was written and nothing is left on any queue
    failed = job(api, token, started["import_id"])
    assert failed["status"] == "failed" and failed["finished_at"]
    assert re.search(r"已排队等待 6\.\d 小时", failed["message"]) and "重新上传同一文件" in failed["message"]
    assert timedelta(hours=6) <= clock.waited <= timedelta(hours=6, minutes=15)
    assert OrderStore(tenant_id).batches() == [] and waiting(dead_letters) == 0


def test_a_class_update_waiting_far_longer_than_the_redrive_policy_allows_still_runs(api, aws, monkeypatch):
    tenant_id, token = approved_tenant(api, 1)
    stock_tenant(api, aws, token)
    queue, dead_letters = aws.queues["AnalysisQueue"], aws.queues["AnalysisDeadLetterQueue"]
    clock = SimulatedClock(monkeypatch)
    limit = max_receive_count(queue)
    # Given an import of the tenant holds the lease when an analysis is saved
    locks.acquire(f"import#{tenant_id}", "an-import", 600)
    analysis_id = preview(api, token)["analysis_id"]
    assert api.post(f"/api/analyses/{analysis_id}/save", token=token).status_code == 200
    # When the analysis worker receives the class update four times as often as maxReceiveCount allows
    counts = [receive_once(queue, analyses.handle_message)["Attributes"]["ApproximateReceiveCount"]
              for _ in range(4 * limit)]
    assert counts == ["1"] * (4 * limit) and clock.waited > timedelta(minutes=15)
    assert analysis_store.get_header(tenant_id, analysis_id)["class_update"]["status"] == "pending"
    # Then, once the import ends, the classes are updated and nothing is dead-lettered
    locks.release(f"import#{tenant_id}", "an-import")
    deliver_analyses(aws)
    assert analysis_store.get_header(tenant_id, analysis_id)["class_update"]["status"] == "done"
    assert waiting(queue) == 0 and waiting(dead_letters) == 0


def test_a_class_update_still_waiting_after_six_hours_is_marked_failed(api, aws, monkeypatch):
    tenant_id, token = approved_tenant(api, 1)
    stock_tenant(api, aws, token)
    queue = aws.queues["AnalysisQueue"]
    SimulatedClock(monkeypatch)
    monkeypatch.setattr(config, "LEASE_WAIT_MAX_DELAY_SECONDS", 900)
    locks.acquire(f"import#{tenant_id}", "stuck-import", 24 * 3600)
    analysis_id = preview(api, token)["analysis_id"]
    api.post(f"/api/analyses/{analysis_id}/save", token=token)
    while waiting(queue):
        receive_once(queue, analyses.handle_message)
    update = api.get(f"/api/analyses/{analysis_id}", token=token).data["class_update"]
    assert update["status"] == "failed" and re.search(r"已等待 6\.\d 小时", update["message"])
