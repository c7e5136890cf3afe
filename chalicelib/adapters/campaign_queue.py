"""The campaign queue: chunks of up to 100 recipients, sent ten messages per call."""
import json

from chalicelib import config
from chalicelib.adapters.aws import client

BATCH = 10  # SendMessageBatch's most entries


def send_chunks(messages: list[dict], delay_seconds: int = 0) -> None:
    sqs, url = client("sqs"), config.campaign_queue_url()
    for start in range(0, len(messages), BATCH):
        entries = [{"Id": str(i), "MessageBody": json.dumps(message, ensure_ascii=False), "DelaySeconds": delay_seconds}
                   for i, message in enumerate(messages[start:start + BATCH])]
        failed = sqs.send_message_batch(QueueUrl=url, Entries=entries).get("Failed") or []
        if failed:
            raise RuntimeError(f"queueing {len(failed)} campaign chunks failed: {failed[0]}")
