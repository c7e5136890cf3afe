"""A tenant ready to send campaigns (customers, signature, approved template), a counting fake provider and
a queue drain that runs the campaign worker as Lambda would."""
import json
import threading
from datetime import datetime, timedelta, timezone

import numpy as np

from bench.segments import generate
from chalicelib import config
from chalicelib.adapters import sms_settings_store, template_store
from chalicelib.adapters.aws import client
from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.adapters.sms import Accepted
from chalicelib.services.campaigns import dispatch, drafts
from chalicelib.services.campaigns.requests import CampaignRequest

TENANT = "t-campaigns"
IN_WINDOW = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # 10:00 China time


def customers(rows: int, tenant_id: str = TENANT, **changes) -> dict:
    """A customer table of `rows` consenting customers with distinct valid mobiles; `changes` replace columns."""
    columns = generate(rows)
    numbers = np.arange(rows).astype(str)
    columns["mobile"] = np.strings.add("138", np.strings.zfill(numbers, 8))
    columns["sms_consent"] = np.ones(rows, dtype=bool)
    columns.update(changes)
    CustomerTable(tenant_id).replace(columns)
    return columns


def ready_tenant(rows: int = 250, tenant_id: str = TENANT, **changes) -> dict:
    columns = customers(rows, tenant_id, **changes)
    sms_settings_store.update(tenant_id, {"signature": "康宁大药房"}, "test")
    template_store.create(tenant_id, {"template_id": "tpl1", "name": "会员日", "kind": "marketing",
                                      "text": "{name}您好，本周六会员日全场九折", "status": "approved",
                                      "provider": "sns", "provider_code": None, "chars": 30, "parts": 1,
                                      "warnings": [], "created_by": "test", "created_at": "2026-11-01T00:00:00+00:00"})
    return columns


def draft(tenant_id: str = TENANT, holdout: float = 0.0, **fields) -> str:
    request = CampaignRequest(**{"name": "会员日活动", "rules": {"all": []}, "template_id": "tpl1",
                                 "holdout_share": holdout, **fields})
    return drafts.create(tenant_id, "tester", "", request, now=IN_WINDOW)["campaign_id"]


class FakeProvider:
    """Accepts every message and counts what it was given; `fail` (a callable per call) may raise instead."""

    name = "fake"

    def __init__(self, fail=None):
        self.sent: list[str] = []
        self.offered: list[str] = []  # every number handed over, answered or not
        self.params: dict[str, dict] = {}  # the variables each number's message was sent with
        self.calls = 0
        self.fail = fail
        self._lock = threading.Lock()

    def send_batch(self, signature, template, messages):
        with self._lock:
            self.calls += 1
            call = self.calls
            self.offered += [m.mobile for m in messages]
        if self.fail:
            self.fail(call, messages)
        with self._lock:
            self.sent += [m.mobile for m in messages]
            self.params.update({m.mobile: m.params for m in messages})
        return [Accepted(m.mobile, True, biz_id=f"biz{call}") for m in messages]


def receive_all() -> list[dict]:
    """Every visible chunk on the campaign queue, deleted from it."""
    sqs, url, found = client("sqs"), config.campaign_queue_url(), []
    while True:
        answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
        messages = answer.get("Messages", [])
        if not messages:
            return found
        for message in messages:
            found.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


class Clock:
    """A clock that moves only when the worker waits (for the provider's next second)."""

    def __init__(self, start: datetime):
        self.at = start

    def now(self) -> datetime:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


def run_chunks(chunks: list[dict], provider, at: datetime = IN_WINDOW, requeued=None) -> list[str]:
    """Hand each chunk to the worker; a throttled chunk goes to `requeued` instead of the queue."""
    clock = Clock(at)
    deps = dispatch.Deps(now=clock.now, gateway=provider, sleep=clock.sleep,
                         requeue=lambda work, delay: (requeued if requeued is not None else []).append(work))
    return [dispatch.handle(chunk, deps) for chunk in chunks]
