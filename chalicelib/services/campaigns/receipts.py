"""Delivery receipts from the provider: each moves one message to delivered or failed and counts it on its
campaign, once (message_log.apply_receipt does both in one transaction)."""

from chalicelib.adapters import message_log
from chalicelib.observability import logger


def apply_all(provider: str, body: bytes, *, parser, messages=message_log) -> int:
    """Apply a callback body's receipts; how many moved a message."""
    applied = sum(apply(receipt, messages=messages) for receipt in parser.parse_reports(provider, body))
    logger.info("sms receipts from %s: %s applied", provider, applied)
    return applied


def apply(receipt, *, messages=message_log) -> bool:
    """True when this receipt moved its message; unknown messages and repeats are ignored."""
    message = messages.find_by_receipt(receipt.provider, receipt.biz_id, receipt.mobile)
    if message is None:
        return False
    return messages.apply_receipt(message["tenant_id"], message["campaign_id"], message["customer_code"],
                                  receipt.delivered, receipt.error_code, receipt.error_message, receipt.reported_at,
                                  int(message.get("parts") or 1))
