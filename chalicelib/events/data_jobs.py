"""Tenant data jobs (issue 13): the worker for exports and deletions, and the deletions due after cooling-off."""
from datetime import datetime

from chalice import Blueprint

from chalicelib import config

bp = Blueprint(__name__)


@bp.on_sqs_message(queue=config.DATA_JOB_QUEUE_NAME, batch_size=1, name="data_job_worker")
def data_job_worker(event):
    for record in event:
        handle_message(record.body, record.receipt_handle)


def handle_message(body: str, _receipt_handle: str | None = None, _receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump; raising leaves the job on the queue for a retry."""


def run_due_deletions(due: datetime) -> None:
    """Start the deletions whose cooling-off has ended (daily; shared by the Lambda schedule and the local stack)."""
