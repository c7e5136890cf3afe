"""The import worker: S3 upload events, routed by EventBridge into SQS, one message at a time."""
from chalice import Blueprint

from chalicelib import config
from chalicelib.observability import observed
from chalicelib.services import queued_work
from chalicelib.services.imports import events

bp = Blueprint(__name__)


@bp.on_sqs_message(queue=config.IMPORT_QUEUE_NAME, batch_size=1, name="import_worker")
@observed("import_worker")
def import_worker(event):
    for record in event:
        receive_count = int((record.to_dict().get("attributes") or {}).get("ApproximateReceiveCount", 1))
        handle_message(record.body, record.receipt_handle, receive_count)


def handle_message(body: str, _receipt_handle: str | None = None, receive_count: int = 1) -> None:
    """Shared by Lambda and the local event pump. Raising leaves the message on the queue for a retry.

    The body is EventBridge's S3 event, or that event re-sent by this worker while the tenant's
    lease was taken (queued_work): both run the same import.
    """
    queued_work.run(body, lambda event: events.handle(event, receive_count), events.give_up,
                    queue_url=config.import_queue_url())
