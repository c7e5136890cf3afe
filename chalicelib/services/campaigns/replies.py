"""Customers' replies: routed to the latest message sent to the number; an opt-out reply opts it out at once."""

from chalicelib.adapters import message_log, opt_out_ledger
from chalicelib.domain.sms.replies import is_opt_out
from chalicelib.observability import logger


def apply_all(provider: str, body: bytes, *, parser, messages=message_log, ledger=opt_out_ledger) -> int:
    """Apply a callback body's replies; how many opted a number out."""
    return sum(apply(reply, messages=messages, ledger=ledger) for reply in parser.parse_replies(provider, body))


def apply(reply, *, messages=message_log, ledger=opt_out_ledger) -> bool:
    """True when the reply opted a number out; a reply to no message we sent is dropped."""
    message = messages.latest_to_mobile(reply.mobile, reply.signature or None)
    if message is None:
        logger.info("sms reply from %s matches no message", reply.provider)
        return False
    tenant_id, campaign_id = message["tenant_id"], message["campaign_id"]
    opting_out = is_opt_out(reply.text)
    if opting_out:  # the ledger first: a retried callback must still opt out if we stopped after it
        ledger.opt_out(tenant_id, [{"mobile": reply.mobile, "source": "reply", "source_ref": campaign_id, "by": "",
                                    "at": reply.received_at}])
    # the first reply is kept, and an opt-out counted on the campaign with it (one transaction)
    messages.record_reply(tenant_id, campaign_id, message["customer_code"], reply.text, opting_out)
    return opting_out
