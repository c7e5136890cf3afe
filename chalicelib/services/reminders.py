"""The daily fee notices to tenants and the staff digest SMS; both send at most once per day however often
the schedule runs (once-markers)."""
from datetime import date, datetime, timedelta, timezone

from chalicelib.adapters import notification_store
from chalicelib.domain import reminders
from chalicelib.observability import logger
from chalicelib.services import notifications, platform_settings
from chalicelib.services.billing import status as billing_status
from chalicelib.services.stats.waiting import waiting_work

CHINA = timezone(timedelta(hours=8))


def china_day(due: datetime | None = None) -> date:
    return (due or datetime.now(timezone.utc)).astimezone(CHINA).date()


def run(due: datetime | None = None) -> dict:
    """Refresh every tenant's fee state, send the notices due today and the staff digest; what was sent."""
    today = china_day(due)
    sent = send_fee_notices(today)
    return {"day": today.isoformat(), "notices": sent, "digest": send_staff_digest(today)}


def send_fee_notices(today: date) -> int:
    """Each tenant's due reminders (15 and 5 days before expiry, entering grace or 已停用); how many were new."""
    settings = platform_settings.settings()
    remind_days = tuple(settings.get("remind_days") or reminders.REMIND_DAYS)
    created = 0
    for tenant in billing_status.refresh_all(today):
        for reminder in reminders.due(tenant, today.isoformat(), remind_days):
            title, body = reminders.notice_text(reminder.kind, tenant, settings["contact_phone"])
            try:
                created += notifications.notify_tenant(tenant["tenant_id"], reminder.kind, title, body,
                                                       sms=reminder.sms, once=reminder.once, link="/profile")
            except Exception:  # one tenant's failure must not stop the others' reminders
                logger.exception("fee notice %s for tenant %s failed", reminder.kind, tenant["tenant_id"])
    return created


def send_staff_digest(today: date, send=None) -> int:
    """One SMS a day to each configured staff mobile summing the waiting work; how many SMS went out."""
    mobiles = [m for m in platform_settings.settings().get("staff_digest_mobiles") or [] if m]
    text = reminders.digest_text(waiting_work()) if mobiles else None
    if not text or not notification_store.mark_once(notification_store.PLATFORM, f"digest#{today.isoformat()}"):
        return 0
    return sum(notifications.send_sms(mobile, text, "staff_digest", send) for mobile in mobiles)
