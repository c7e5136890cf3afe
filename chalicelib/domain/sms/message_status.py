"""Status of one sent SMS, and how it is shown: a submitted SMS without a receipt for 72 h is 无回执."""
from datetime import datetime, timedelta, timezone

SENDING, SUBMITTED, DELIVERED, FAILED, UNKNOWN = "sending", "submitted", "delivered", "failed", "unknown"
STATUSES = (SENDING, SUBMITTED, DELIVERED, FAILED, UNKNOWN)
NO_RECEIPT = "no_receipt"
LABELS = {SENDING: "发送中", SUBMITTED: "已提交", DELIVERED: "已送达", FAILED: "失败",
          UNKNOWN: "结果未知", NO_RECEIPT: "无回执"}
# Providers keep delivery reports for up to 72 h; after that none will come.
RECEIPT_WAIT = timedelta(hours=72)


def shown(status: str, submitted_at_iso: str | None, now: datetime) -> str:
    """The status to show: "no_receipt" for a submitted SMS older than 72 h, else `status`."""
    if status != SUBMITTED or not submitted_at_iso:
        return status
    submitted = datetime.fromisoformat(submitted_at_iso)
    submitted = submitted if submitted.tzinfo else submitted.replace(tzinfo=timezone.utc)
    now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
    return NO_RECEIPT if now - submitted > RECEIPT_WAIT else status
