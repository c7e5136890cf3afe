"""Campaigns at scale: the pre-send check of 100,000 customers, planning and queueing 100,000 messages, and
dispatch of a few chunks.

    .venv/bin/python -m bench.campaigns            # 100,000 customers
    .venv/bin/python -m bench.campaigns --rows 20000

Setup (not measured): in moto (mock_aws), the resources of infra/resources.json; one tenant's customer table
(bench.segments.generate, every customer with a distinct valid mobile, 70 % consenting), 2,000 opted-out
numbers, an earlier campaign's plan of 20,000 numbers this week (the frequency cap reads it), a signature and
an approved template.

Measured:
(a) the pre-send check, services.campaigns.preview.preview — the server time of POST /api/campaigns/{id}/preview:
    customer columns from (moto) S3, the opt-out ledger, the earlier plan, exclusions, the control group, samples;
    median of 5;
(b) send: the same check, the plan object written, 1,000 chunk messages queued (SendMessageBatch, 10 a call);
(c) dispatch: 10 chunks of 100 through the worker with a provider that answers at once (claims in one
    TransactWriteItems per chunk, results in BatchWriteItem batches, counts once per chunk); per chunk.
"""
from bench._orders_store import _in_child  # noqa: F401,I001  (first: sets fake AWS credentials)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

import numpy as np  # noqa: E402
from moto import mock_aws  # noqa: E402

TENANT = "bench-campaigns"
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # 10:00 China time
TARGET_CHECK_SECONDS, TARGET_SEND_SECONDS = 1.0, 60.0


def setup(rows: int) -> str:
    from bench._rfm_steps import create_resources
    from bench.segments import generate
    from chalicelib.adapters import campaign_plans, campaign_store, opt_out_ledger, sms_settings_store
    from chalicelib.adapters.aws import client
    from chalicelib.adapters.customer_table import CustomerTable
    from tests.integration.campaign_helpers import draft, ready_tenant

    create_resources()
    os.environ["CAMPAIGN_QUEUE_URL"] = next(url for url in client("sqs").list_queues()["QueueUrls"]
                                            if url.endswith("-campaigns"))
    columns = generate(rows)
    mobiles = np.strings.add("138", np.strings.zfill(np.arange(rows).astype(str), 8))
    ready_tenant(rows, TENANT, mobile=mobiles, sms_consent=columns["sms_consent"])
    sms_settings_store.update(TENANT, {"daily_cap": 1_000_000, "monthly_cap": 10_000_000}, "bench")
    opt_out_ledger.opt_out(TENANT, [{"mobile": str(m), "source": "import", "source_ref": "", "by": "bench",
                                     "at": NOW.isoformat()} for m in mobiles[:2000]])
    earlier = {"campaign_id": "earlier", "name": "上周活动", "kind": "manual", "status": "done", "template_id": "tpl1",
               "created_by": "bench", "created_at": NOW.isoformat(), "planned_at": NOW.isoformat()}
    campaign_store.create(TENANT, earlier)
    picked = mobiles[5000:25000]
    campaign_plans.write(TENANT, "earlier", {"customer_code": picked, "mobile": picked, "name": picked,
                                             "store": picked, "class": picked, "group": np.zeros(len(picked))})
    assert len(CustomerTable(TENANT).read(["customer_code"])) == rows
    return draft(TENANT, holdout=0.1)


def run(rows: int) -> tuple[list[str], bool]:
    from chalicelib.adapters import opt_out_ledger
    from chalicelib.services.campaigns import control, preview
    from tests.integration.campaign_helpers import FakeProvider, receive_all, run_chunks

    with mock_aws():
        campaign_id = setup(rows)
        checks = []
        for _ in range(5):
            started = time.perf_counter()
            answer = preview.preview(TENANT, campaign_id, now=NOW)
            checks.append(time.perf_counter() - started)
        started = time.perf_counter()
        opt_out_ledger.opted_out_mobiles(TENANT)
        ledger_seconds = time.perf_counter() - started
        started = time.perf_counter()
        sent = control.send(TENANT, campaign_id, "bench", NOW)
        send_seconds = time.perf_counter() - started
        chunks = receive_all()
        started = time.perf_counter()
        outcomes = run_chunks(chunks[:10], FakeProvider())
        dispatch_seconds = (time.perf_counter() - started) / 10
    check_seconds = statistics.median(checks)
    lines = [f"customers: {rows:,}; recipients {answer['recipients']:,}, held out {answer['held_out']:,}, "
             f"excluded {json.dumps(answer['excluded'])}",
             f"(a) pre-send check: median {check_seconds:.2f} s (runs: {', '.join(f'{s:.2f}' for s in checks)}); "
             f"of it the opt-out ledger read (2,000 numbers, DynamoDB query in moto): {ledger_seconds:.2f} s",
             f"(b) send (check + plan + queue {len(chunks):,} chunks): {send_seconds:.1f} s -> {sent['status']}",
             f"(c) dispatch: {dispatch_seconds * 1000:.0f} ms per chunk of 100 ({outcomes.count('sent')} of 10 sent)"]
    ok = check_seconds < TARGET_CHECK_SECONDS and send_seconds < TARGET_SEND_SECONDS
    return lines, ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    lines, ok = run(arguments.rows)
    print("\n".join(lines))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
