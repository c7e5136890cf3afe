"""What the analysis worker does with one queued message."""
import logging
import secrets
from datetime import date

from chalicelib.services import class_update, monthly

log = logging.getLogger(__name__)


def handle(message: dict) -> str:
    """Run one message: {"type": "monthly", tenant_id, today} or {"type": "apply", tenant_id, analysis_id}."""
    kind, tenant_id = message.get("type"), message.get("tenant_id")
    if kind == "monthly":
        outcome = monthly.run(tenant_id, date.fromisoformat(message["today"]))
    elif kind == "apply":
        outcome = class_update.apply(tenant_id, message["analysis_id"], owner=f"analysis-{secrets.token_hex(4)}")
    else:
        outcome = "ignored"
    log.info("analysis message %s for %s: %s", kind, tenant_id, outcome)
    return outcome
