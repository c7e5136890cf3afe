"""The monthly schedule and the analysis worker (SQS): monthly snapshots and customer class updates."""
import json
from datetime import datetime

from chalice import Blueprint, Cron

from chalicelib import config
from chalicelib.adapters.queues import retry_soon
from chalicelib.services import analysis_events, monthly
from chalicelib.services.import_lease import ImportBusy

bp = Blueprint(__name__)
# 02:00 China time on the 1st = 18:00 UTC on the last day of the month before.
MONTHLY = Cron(0, 18, "L", "*", "?", "*")


@bp.schedule(MONTHLY, name="monthly_analysis", description="每月 1 日 02:00（北京时间）为每个企业排队月度 RFM 分析")
def monthly_analysis(event):
    monthly.fan_out(datetime.fromisoformat(event.time.replace("Z", "+00:00")))


@bp.on_sqs_message(queue=config.ANALYSIS_QUEUE_NAME, batch_size=1, name="analysis_worker")
def analysis_worker(event):
    for record in event:
        handle_message(record.body, record.receipt_handle)


def handle_message(body: str, receipt_handle: str | None, _receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump. Raising leaves the message on the queue for a retry."""
    try:
        analysis_events.handle(json.loads(body))
    except ImportBusy:  # an import of the tenant runs: its customers are being written
        retry_soon(config.analysis_queue_url(), receipt_handle, config.ANALYSIS_BUSY_RETRY_SECONDS)
        raise
