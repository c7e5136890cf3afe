"""SQS: queue a JSON message, now or after a delay."""
import json

from chalicelib.adapters.aws import client


def send(queue_url: str, message: dict, delay_seconds: int = 0) -> None:
    client("sqs").send_message(QueueUrl=queue_url, MessageBody=json.dumps(message), DelaySeconds=delay_seconds)
