"""生日关怀: once a day, each tenant that switched it on gets one campaign to today's birthdays."""
from datetime import datetime

from chalicelib.adapters import campaign_store, sms_settings_store
from chalicelib.clock import now_iso
from chalicelib.domain.campaigns.status import DONE, DRAFT
from chalicelib.domain.sms.window import CHINA
from chalicelib.errors import Conflict
from chalicelib.observability import logger
from chalicelib.services.billing import status as billing_status
from chalicelib.services.campaigns import control

ACTOR = "system"


def run(now: datetime, *, settings_store=sms_settings_store) -> list[str]:
    """Create (once per tenant and day) and send today's birthday campaigns; the tenants sent for."""
    done = []
    for settings in settings_store.birthday_tenants():
        try:
            if settings.get("birthday_template_id") and _send_today(settings["tenant_id"], settings, now):
                done.append(settings["tenant_id"])
        except Exception:  # one tenant's problem (template rejected, nobody today) must not stop the others
            logger.exception("birthday campaign for %s failed", settings["tenant_id"])
    return done


def _send_today(tenant_id: str, settings: dict, now: datetime) -> bool:
    if billing_status.is_stopped(tenant_id):
        return False
    day = now.astimezone(CHINA).date().isoformat()
    campaign = {"campaign_id": f"birthday-{day}", "name": f"生日关怀 {day}", "kind": "birthday", "status": DRAFT,
                "template_id": settings["birthday_template_id"], "holdout_share": 0.0, "store": "",
                "rules": None, "segment_id": None, "created_by": ACTOR, "created_at": now_iso()}
    if not campaign_store.create(tenant_id, campaign):
        return False  # made earlier today: the schedule ran twice
    try:
        control.send(tenant_id, campaign["campaign_id"], ACTOR, now)
    except Conflict as blocked:  # nobody's birthday today, template no longer approved: shown, not left a draft
        campaign_store.move(tenant_id, campaign["campaign_id"], (DRAFT,),
                            {"status": DONE, "status_note": blocked.message, "finished_at": now_iso()})
        return False
    return True
