"""The import worker: S3 upload events, routed by EventBridge into SQS, one message at a time."""
import json
import logging

from chalice import Blueprint

from chalicelib import config
from chalicelib.adapters.queues import retry_soon
from chalicelib.services import import_events
from chalicelib.services.import_lease import ImportBusy

bp = Blueprint(__name__)
log = logging.getLogger(__name__)


@bp.on_sqs_message(queue=config.IMPORT_QUEUE_NAME, batch_size=1, name="import_worker")
def import_worker(event):
    for record in event:
        receive_count = int((record.to_dict().get("attributes") or {}).get("ApproximateReceiveCount", 1))
        handle_message(record.body, record.receipt_handle, receive_count)


def handle_message(body: str, receipt_handle: str | None, receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump. Raising leaves the message on the queue for a retry."""
    try:
        import_events.handle(json.loads(body), receive_count)
    except ImportBusy:
        # Another import of the tenant runs: come back in seconds, not after the full visibility timeout.
        retry_soon(config.import_queue_url(), receipt_handle, config.IMPORT_BUSY_RETRY_SECONDS)
        raise
