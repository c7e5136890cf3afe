"""SQS: queue a JSON message, or bring a received one back sooner than its visibility timeout."""
import json

from chalicelib.adapters.aws import client


def send(queue_url: str, message: dict) -> None:
    client("sqs").send_message(QueueUrl=queue_url, MessageBody=json.dumps(message))


def retry_soon(queue_url: str, receipt_handle: str | None, seconds: int) -> None:
    """Bring a message back after `seconds` instead of its queue's full visibility timeout."""
    if receipt_handle and queue_url:
        client("sqs").change_message_visibility(QueueUrl=queue_url, ReceiptHandle=receipt_handle,
                                                VisibilityTimeout=seconds)
