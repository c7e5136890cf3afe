"""Tenant data jobs (issue 13): the worker for exports and deletions, and the deletions due after cooling-off."""
import json
from datetime import datetime

from chalice import Blueprint, Cron

from chalicelib import config
from chalicelib.observability import observed
from chalicelib.services.exports import worker as export_worker
from chalicelib.services.tenant_data import deletion, jobs, purge

bp = Blueprint(__name__)
# 03:00 China time = 19:00 UTC the day before.
DUE_DELETIONS = Cron(0, 19, "*", "*", "?", "*")


@bp.on_sqs_message(queue=config.DATA_JOB_QUEUE_NAME, batch_size=1, name="data_job_worker")
@observed("data_job_worker")
def data_job_worker(event):
    for record in event:
        handle_message(record.body, record.receipt_handle)


@bp.schedule(DUE_DELETIONS, name="due_deletions", description="每天 03:00（北京时间）执行冷静期已满 7 天的企业数据删除")
@observed("due_deletions")
def due_deletions(event):
    run_due_deletions(datetime.fromisoformat(event.time.replace("Z", "+00:00")))


def handle_message(body: str, _receipt_handle: str | None = None, _receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump; raising leaves the job on the queue for a retry."""
    message = json.loads(body)
    if message.get("kind") == "export":
        jobs.run_export(message["tenant_id"], message["job_id"])
    elif message.get("kind") == "deletion":
        purge.run_deletion(message["tenant_id"], message["job_id"])
    elif message.get("kind") == "file":  # a large workbook or call list (services/exports)
        export_worker.run(message["tenant_id"], message["job_id"])


def run_due_deletions(due: datetime) -> None:
    """Start the deletions whose cooling-off has ended (daily; shared by the Lambda schedule and the local stack)."""
    deletion.queue_due(due)
