"""A batch that stopped part-way: what the sender must do with each message."""
from chalicelib.adapters.sms.errors import ProviderThrottled, ProviderUncertain
from chalicelib.adapters.sms.types import NOT_SENT, Accepted, Outgoing
from chalicelib.observability import logger, redact

RETRY_AFTER_SECONDS = 5.0


def stopped(done: list[Accepted], rest: list[Outgoing], error: Exception, outcome: str) -> list[Accepted]:
    """Raise when nothing was sent yet; else the first unsent message gets `outcome`, the others NOT_SENT."""
    if not done:
        if outcome == NOT_SENT:
            raise ProviderThrottled(getattr(error, "retry_after", RETRY_AFTER_SECONDS)) from error
        raise ProviderUncertain(f"短信服务无应答，可能已发送：{error}") from error
    logger.warning("SMS batch stopped after %d of %d messages: %s", len(done), len(done) + len(rest),
                   redact(error))  # a provider may name the number
    first = Accepted(rest[0].mobile, False, None, outcome, str(error)[:200])
    return done + [first] + [Accepted(m.mobile, False, None, NOT_SENT, "前一条发送中断，未发送") for m in rest[1:]]
