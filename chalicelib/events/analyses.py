"""The monthly schedule and the analysis worker (SQS): monthly snapshots and customer class updates."""
from datetime import datetime

from chalice import Blueprint, Cron

from chalicelib import config
from chalicelib.observability import observed
from chalicelib.services import queued_work
from chalicelib.services.analyses import events, monthly

bp = Blueprint(__name__)
# 02:00 China time on the 1st = 18:00 UTC on the last day of the month before.
MONTHLY = Cron(0, 18, "L", "*", "?", "*")


@bp.schedule(MONTHLY, name="monthly_analysis", description="每月 1 日 02:00（北京时间）为每个企业排队月度 RFM 分析")
@observed("monthly_analysis")
def monthly_analysis(event):
    monthly.fan_out(datetime.fromisoformat(event.time.replace("Z", "+00:00")))


@bp.on_sqs_message(queue=config.ANALYSIS_QUEUE_NAME, batch_size=1, name="analysis_worker")
@observed("analysis_worker")
def analysis_worker(event):
    for record in event:
        handle_message(record.body, record.receipt_handle)


def handle_message(body: str, _receipt_handle: str | None = None, _receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump. Raising leaves the message on the queue for a retry.

    A class update waits while an import of the tenant writes its customers: re-sent, delayed (queued_work).
    """
    queued_work.run(body, events.handle, events.give_up, queue_url=config.analysis_queue_url())
