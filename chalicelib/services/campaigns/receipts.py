"""Delivery receipts from the provider: each moves one message to delivered or failed, once."""

from chalicelib.adapters import campaign_store, message_log
from chalicelib.observability import logger


def apply_all(provider: str, body: bytes, *, parser, messages=message_log, campaigns=campaign_store) -> int:
    """Apply a callback body's receipts; how many moved a message."""
    applied = sum(apply(receipt, messages=messages, campaigns=campaigns)
                  for receipt in parser.parse_reports(provider, body))
    logger.info("sms receipts from %s: %s applied", provider, applied)
    return applied


def apply(receipt, *, messages=message_log, campaigns=campaign_store) -> bool:
    """True when this receipt moved its message; unknown messages and repeats are ignored."""
    message = messages.find_by_receipt(receipt.provider, receipt.biz_id, receipt.mobile)
    if message is None:
        return False
    moved = messages.apply_receipt(message["tenant_id"], message["campaign_id"], message["customer_code"],
                                   receipt.delivered, receipt.error_code, receipt.error_message, receipt.reported_at)
    if moved:
        campaigns.add_counts(message["tenant_id"], message["campaign_id"],
                             **{"delivered" if receipt.delivered else "failed": 1})
    return moved
