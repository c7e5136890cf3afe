"""The campaign worker (SQS) and the campaign schedules (the minute clock, 生日关怀 at 09:00 China time)."""
import json
from datetime import datetime, timezone

from chalice import Blueprint, Cron, Rate

from chalicelib import config
from chalicelib.observability import observed
from chalicelib.services.campaigns import birthday, clock, dispatch

bp = Blueprint(__name__)
BIRTHDAY = Cron(0, 1, "*", "*", "?", "*")  # 09:00 China time = 01:00 UTC


@bp.on_sqs_message(queue=config.CAMPAIGN_QUEUE_NAME, batch_size=1, name="campaign_worker")
@observed("campaign_worker")
def campaign_worker(event):
    for record in event:
        handle_message(record.body, record.receipt_handle)


def handle_message(body: str, _receipt_handle: str | None = None, _receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump; raising leaves the chunk on the queue for a retry."""
    dispatch.handle(json.loads(body))


@bp.schedule(Rate(1, unit=Rate.MINUTES), name="campaign_clock", description="每分钟启动到点的营销活动")
@observed("campaign_clock", quiet=True)
def campaign_clock(event):
    clock.tick(_moment(event.time))


@bp.schedule(BIRTHDAY, name="birthday_campaigns", description="每天 09:00（北京时间）发送生日关怀短信")
@observed("birthday_campaigns")
def birthday_campaigns(event):
    birthday.run(_moment(event.time))


def _moment(text: str | None) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else datetime.now(timezone.utc)
