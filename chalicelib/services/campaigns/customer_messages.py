"""客户详情 › 短信记录: every campaign message one customer was sent, newest first."""
from datetime import datetime, timezone

from chalicelib.adapters import campaign_store, message_log
from chalicelib.domain.sms import message_status
from chalicelib.services.customer_access import visible_customer


def of_customer(tenant_id: str, code: str, store: str = "", *, messages=message_log, campaigns=campaign_store,
                visible=visible_customer, now: datetime | None = None) -> dict:
    """The customer's messages with campaign names and shown statuses (无回执 after 72 h without a receipt)."""
    visible(tenant_id, code, store)
    found = messages.for_customer(tenant_id, code)
    names = {campaign_id: (campaigns.get(tenant_id, campaign_id) or {}).get("name", "")
             for campaign_id in {message["campaign_id"] for message in found}}
    now = now or datetime.now(timezone.utc)
    return {"items": [_item(message, names[message["campaign_id"]], now) for message in found]}


def _item(message: dict, campaign_name: str, now: datetime) -> dict:
    status = message_status.shown(message["status"], message["submitted_at"], now)
    return {"campaign_id": message["campaign_id"], "campaign_name": campaign_name, "status": status,
            "status_label": message_status.LABELS.get(status, status),
            "error": message.get("error_message") or message.get("error_code") or "",
            "submitted_at": message["submitted_at"], "reported_at": message.get("reported_at"),
            "replied": message.get("replied")}
