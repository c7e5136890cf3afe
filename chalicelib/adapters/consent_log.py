"""Evidence of SMS consent (consent_events table): when, where and by whom a customer's consent was given or withdrawn.

Key: tenant_id + "<customer_code>#<at>#<random>", so one customer's events are one key range, oldest first.
Events: {customer_code, mobile, sms_consent, source: "import"|"detail"|"api"|"tags", source_ref, by, at (ISO UTC)}.
"""
import secrets

from chalicelib.adapters.models import ConsentEventModel

FIELDS = ("customer_code", "mobile", "sms_consent", "source", "source_ref", "by", "at")


def record(tenant_id: str, events: list[dict]) -> None:
    with ConsentEventModel.batch_write() as batch:
        for event in events:
            key = f"{event['customer_code']}#{event['at']}#{secrets.token_hex(4)}"
            batch.save(ConsentEventModel(tenant_id, key, customer_code=event["customer_code"],
                                         mobile=event.get("mobile") or "", sms_consent=bool(event["sms_consent"]),
                                         source=event["source"], source_ref=event.get("source_ref") or "",
                                         by=event.get("by") or "", at=event["at"]))


def history(tenant_id: str, code: str) -> list[dict]:
    """The customer's consent events, newest first."""
    items = ConsentEventModel.query(tenant_id, ConsentEventModel.event_key.startswith(f"{code}#"),
                                    filter_condition=ConsentEventModel.customer_code == code,
                                    scan_index_forward=False)
    return [{name: getattr(item, name) for name in FIELDS} for item in items]
