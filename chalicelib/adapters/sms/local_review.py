"""Stand-in template review for providers without one (SNS): pending for a few seconds, then
decided by the content rules a provider's reviewer would certainly refuse.

The decision is taken at submission and carried in the code itself, so answering needs no store."""
import secrets
from datetime import datetime, timezone

from chalicelib import config
from chalicelib.domain.sms import content_rules

PREFIX = "LOCAL_"
ID_HEX = 12
REFUSED_KINDS = (content_rules.PRESCRIPTION_DRUG, content_rules.MEDICAL_CLAIM)
MAX_REASON = 80


def submit(text: str) -> str:
    """A code "LOCAL_<id hex>[<reason as UTF-8 hex>]"; a reason is present only when the text is refused."""
    findings = [f for f in content_rules.check(text) if f.kind in REFUSED_KINDS]
    reason = findings[0].message[:MAX_REASON] if findings else ""
    return PREFIX + secrets.token_hex(ID_HEX // 2) + reason.encode("utf-8").hex()


def status(code: str, submitted_at: str, now: datetime | None = None) -> tuple[str, str | None]:
    """("pending", None) until the review time has passed, then approved, or rejected with the reason."""
    now = now or datetime.now(timezone.utc)
    submitted = datetime.fromisoformat(submitted_at.replace("Z", "+00:00"))
    if submitted.tzinfo is None:
        submitted = submitted.replace(tzinfo=timezone.utc)
    if (now - submitted).total_seconds() < config.sms_local_review_seconds():
        return "pending", None
    reason = _reason(code)
    return ("rejected", reason) if reason else ("approved", None)


def _reason(code: str) -> str:
    if not code.startswith(PREFIX):
        raise ValueError(f"不是本地审核的模板编号：{code}")
    try:
        return bytes.fromhex(code[len(PREFIX) + ID_HEX:]).decode("utf-8")
    except ValueError as error:
        raise ValueError(f"本地审核的模板编号已损坏：{code}") from error
