"""Template reviews: every few minutes, ask the provider about each template still 审核中 and record its
decision. A decision is a conditional write (only pending → approved/rejected), so two polls never clash."""

from chalicelib.adapters import template_store
from chalicelib.adapters.sms import gateway as sms_gateway
from chalicelib.adapters.sms.errors import ProviderError
from chalicelib.domain.sms import template_status
from chalicelib.observability import logger


def poll(*, templates=template_store, gateway=None) -> dict:
    """Decide the pending templates the provider has reviewed; {"checked", "approved", "rejected"}."""
    provider = gateway or sms_gateway()
    counts = {"checked": 0, template_status.APPROVED: 0, template_status.REJECTED: 0}
    for template in templates.pending_reviews(provider.name):
        counts["checked"] += 1
        outcome = _outcome(provider, template)
        if outcome is None:
            continue
        status, reason = outcome
        if templates.decide(template["tenant_id"], template["template_id"], status, reason):
            counts[status] += 1
    return counts


def _outcome(provider, template: dict) -> tuple[str, str | None] | None:
    """The provider's decision, or None while it is still reviewing (or cannot answer now: the next poll asks)."""
    try:
        status, reason = provider.template_status(template["provider_code"], template["created_at"])
    except (ProviderError, ValueError):
        logger.warning("template review of %s not readable now", template["template_id"], exc_info=True)
        return None
    if status == template_status.PENDING:
        return None
    return template_status.decide(template_status.PENDING, status), reason
