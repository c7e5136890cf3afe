"""The message log: one item per campaign and recipient, claimed (status "sending") before the provider
call in one transaction, so a message is never sent twice; results written back in batches."""
from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import conditional, failed_conditions, first_condition_failed
from chalicelib.adapters.sms_models import CampaignModel, SmsMessageModel

FIELDS = ("tenant_id", "campaign_id", "customer_code", "mobile", "signature", "status", "parts", "provider", "biz_id",
          "receipt_key", "error_code", "error_message", "claimed_at", "submitted_at", "reported_at", "replied")
TRANSACTION_ITEMS = 100  # DynamoDB's most items per TransactWriteItems


def campaign_key(tenant_id: str, campaign_id: str) -> str:
    return f"{tenant_id}#{campaign_id}"


def receipt_key(provider: str, biz_id: str, mobile: str) -> str:
    return f"{provider}#{biz_id}#{mobile}"


def _plain(item: SmsMessageModel) -> dict:
    message = {name: getattr(item, name) for name in FIELDS}
    message["parts"] = int(message["parts"] or 1)
    return message


def _model(message: dict) -> SmsMessageModel:
    fields = {name: message.get(name) for name in FIELDS if message.get(name) is not None}
    return SmsMessageModel(campaign_key(message["tenant_id"], message["campaign_id"]), **fields,
                           customer_key=f"{message['tenant_id']}#{message['customer_code']}")


def claim(messages: list[dict]) -> list[str]:
    """Create each message only where none exists (one transaction, at most 100); the codes claimed.

    A cancelled transaction writes nothing: the ones another worker holds are dropped and the rest tried again."""
    pending = list(messages)
    while pending:
        try:
            with TransactWrite(connection=Connection(region=SmsMessageModel.Meta.region)) as transaction:
                for message in pending:
                    transaction.save(_model(message), condition=SmsMessageModel.customer_code.does_not_exist())
            return [message["customer_code"] for message in pending]
        except TransactWriteError as error:
            taken = {i for i, failed in enumerate(failed_conditions(error)) if failed}
            if not taken:
                raise
            pending = [message for i, message in enumerate(pending) if i not in taken]
    return []


def existing(tenant_id: str, campaign_id: str, codes: list[str]) -> dict[str, dict]:
    """The messages already logged for these recipients, by customer code."""
    key = campaign_key(tenant_id, campaign_id)
    items = SmsMessageModel.batch_get([(key, code) for code in codes], consistent_read=True)
    return {item.customer_code: _plain(item) for item in items}


def write(messages: list[dict]) -> None:
    """Write whole messages in batches of 25 (BatchWriteItem)."""
    with SmsMessageModel.batch_write() as batch:
        for message in messages:
            batch.save(_model(message))


def release(tenant_id: str, campaign_id: str, codes: list[str]) -> None:
    """Delete claims whose messages were never handed to the provider (the provider throttled the call)."""
    key = campaign_key(tenant_id, campaign_id)
    with SmsMessageModel.batch_write() as batch:
        for code in codes:
            batch.delete(SmsMessageModel(key, code))


def page(tenant_id: str, campaign_id: str, status: str = "") -> list[dict]:
    """A campaign's messages in customer-code order (optionally of one stored status)."""
    condition = SmsMessageModel.status == status if status else None
    return [_plain(item) for item in SmsMessageModel.query(campaign_key(tenant_id, campaign_id),
                                                          filter_condition=condition)]


def find_by_receipt(provider: str, biz_id: str, mobile: str) -> dict | None:
    for key in SmsMessageModel.receipt_index.query(receipt_key(provider, biz_id, mobile), limit=1):
        return _get(key.campaign_key, key.customer_code)
    return None


def _get(key: str, code: str) -> dict | None:
    try:
        return _plain(SmsMessageModel.get(key, code, consistent_read=True))
    except DoesNotExist:
        return None


def apply_receipt(tenant_id: str, campaign_id: str, customer_code: str, delivered: bool, error_code: str | None,  # noqa: PLR0913
                  error_message: str | None, at: str, parts: int = 1) -> bool:
    """Move a submitted (or unknown) message to delivered/failed and count it on its campaign, in one transaction;
    False (nothing written) when it was already reported."""
    actions = [SmsMessageModel.status.set("delivered" if delivered else "failed"), SmsMessageModel.reported_at.set(at)]
    if not delivered:
        actions += [SmsMessageModel.error_code.set(error_code or ""), SmsMessageModel.error_message.set(error_message or "")]
    condition = SmsMessageModel.status.is_in("submitted", "unknown")
    counted = [CampaignModel.delivered.add(1), CampaignModel.delivered_parts.add(parts)] if delivered else \
        [CampaignModel.failed.add(1)]
    return _moved_and_counted(SmsMessageModel(campaign_key(tenant_id, campaign_id), customer_code), actions, condition,
                              CampaignModel(tenant_id, campaign_id), counted)


def record_reply(tenant_id: str, campaign_id: str, code: str, text: str, opting_out: bool = False) -> bool:
    """Keep the customer's first reply to this message (and count an opt-out on the campaign with it, in one
    transaction); True the first time."""
    item = SmsMessageModel(campaign_key(tenant_id, campaign_id), code)
    condition = SmsMessageModel.customer_code.exists() & SmsMessageModel.replied.does_not_exist()
    if not opting_out:
        return conditional(item.update, actions=[SmsMessageModel.replied.set(text)], condition=condition)
    return _moved_and_counted(item, [SmsMessageModel.replied.set(text)], condition, CampaignModel(tenant_id, campaign_id),
                              [CampaignModel.opted_out.add(1)])


def _moved_and_counted(item: SmsMessageModel, actions: list, condition, campaign: CampaignModel, counted: list) -> bool:
    """The message's conditional update and its campaign's counter + 1 together, or neither: a receipt or reply
    redelivered after a failure between two separate writes would have found the message moved and never counted."""
    try:
        with TransactWrite(connection=Connection(region=SmsMessageModel.Meta.region)) as transaction:
            transaction.update(item, actions=actions, condition=condition)
            transaction.update(campaign, actions=counted)
    except TransactWriteError as error:
        if first_condition_failed(error):
            return False
        raise
    return True


def latest_to_mobile(mobile: str, signature: str | None = None) -> dict | None:
    """The newest message sent to the number (under this signature when given): where a reply belongs."""
    for item in SmsMessageModel.mobile_index.query(mobile, scan_index_forward=False, limit=50):
        if signature is None or item.signature == signature:
            return _plain(item)
    return None


def for_customer(tenant_id: str, code: str, limit: int = 50) -> list[dict]:
    return [_plain(item) for item in SmsMessageModel.customer_index.query(
        f"{tenant_id}#{code}", scan_index_forward=False, limit=limit)]


def submitted_without_receipt(limit: int) -> list[dict]:
    """Submitted messages with no receipt yet (the local simulator; a scan is fine there)."""
    found = []
    for item in SmsMessageModel.scan(SmsMessageModel.status == "submitted"):
        found.append(_plain(item))
        if len(found) >= limit:
            break
    return found
