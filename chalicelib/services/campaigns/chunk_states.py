"""What a chunk's logged messages say: claims a killed worker left, the chunk's counts, waiting for the window."""
from datetime import datetime, timedelta

from chalicelib import config
from chalicelib.adapters import campaign_store, message_log
from chalicelib.domain.campaigns.status import SCHEDULED, SENDING
from chalicelib.domain.sms import window

UNKNOWN_NOTE = "结果未知，未重发"


def abandoned(logged: dict[str, dict], moment: datetime, stale: timedelta) -> set[str]:
    """Codes claimed ("sending") longer ago than `stale`: their worker died between claim and result."""
    return {code for code, m in logged.items()
            if m["status"] == "sending" and moment - datetime.fromisoformat(m["claimed_at"]) > stale}


def mark_unknown(messages: list[dict], moment: datetime) -> dict[str, dict]:
    """The provider may have taken them: recorded as unknown, never sent again."""
    at = moment.isoformat(timespec="seconds")
    marked = {m["customer_code"]: {**m, "status": "unknown", "error_code": "UNCERTAIN", "error_message": UNKNOWN_NOTE,
                                   "submitted_at": at} for m in messages}
    message_log.write(list(marked.values()))
    return marked


def tally(messages) -> dict[str, int]:
    """The chunk's counts: handed to the provider (sent), refused at sending (failed), unknown."""
    counts = {"sent": 0, "failed": 0, "unknown": 0}
    for m in messages:
        if m.get("biz_id") or m["status"] in ("submitted", "delivered"):
            counts["sent"] += 1
        elif m["status"] == "unknown":
            counts["unknown"] += 1
        elif m["status"] == "failed":
            counts["failed"] += 1
    return counts


def wait_for_window(campaign: dict, moment: datetime) -> None:
    """Outside the send window: the campaign waits (scheduled) for the next start; the clock resumes it."""
    from chalicelib.services.campaigns.control import waiting_note

    begin = window.next_start(moment, config.sms_send_window())
    campaign_store.move(campaign["tenant_id"], campaign["campaign_id"], (SENDING,),
                        {"status": SCHEDULED, "status_note": waiting_note(begin), "due": "due",
                         "due_at": begin.isoformat(timespec="seconds")})
