"""The minute clock: start campaigns whose time has come, take over a planner that died."""
from datetime import datetime

from chalicelib import config
from chalicelib.adapters import campaign_store
from chalicelib.domain.campaigns.status import SCHEDULED, SENDING
from chalicelib.domain.sms import window
from chalicelib.observability import logger
from chalicelib.services.billing import status as billing_status
from chalicelib.services.campaigns import control, planning


def tick(now: datetime) -> list[str]:
    """Start every due campaign (planned now if it never was); the ids started."""
    started = []
    for campaign in campaign_store.due(now.isoformat(timespec="seconds")):
        try:
            if _start(campaign, now):
                started.append(campaign["campaign_id"])
        except Exception:  # one campaign's trouble must not hold back the others
            logger.exception("starting campaign %s failed", campaign["campaign_id"])
    return started


def _start(campaign: dict, now: datetime) -> bool:
    tenant_id, campaign_id = campaign["tenant_id"], campaign["campaign_id"]
    stopped = billing_status.stopped_billing(tenant_id)
    if stopped:  # waits, due, until the tenant renews; the page says why
        note = f"企业服务已停用，活动暂未发送：请联系平台 {stopped['contact_phone']} 续费，续费后将自动开始发送"
        if campaign.get("status_note") != note:
            campaign_store.update_fields(tenant_id, campaign_id, {"status_note": note}, when_due_at=campaign["due_at"])
        return False
    if not window.in_window(now, config.sms_send_window()):
        begin = window.next_start(now, config.sms_send_window())
        campaign_store.update_fields(tenant_id, campaign_id, {"due_at": begin.isoformat(timespec="seconds")},
                                     when_due_at=campaign["due_at"])
        return False
    if campaign["status"] == SCHEDULED:
        control.begin_sending(tenant_id, campaign, now, (SCHEDULED,))
        return True
    if campaign["status"] == SENDING:  # its planner died: take over its lease
        return _take_over(campaign, now)
    return False


def _take_over(campaign: dict, now: datetime) -> bool:
    tenant_id, campaign_id = campaign["tenant_id"], campaign["campaign_id"]
    lease = (now + control.PLAN_LEASE).isoformat(timespec="seconds")
    if not campaign_store.update_fields(tenant_id, campaign_id, {"due_at": lease}, when_due_at=campaign["due_at"]):
        return False
    if not campaign["planned_at"]:
        planning.plan_and_queue(tenant_id, campaign, now, lease)
        return True
    planning.queue_plan(tenant_id, campaign_id)  # planned, perhaps not queued: claims skip who got one
    campaign_store.update_fields(tenant_id, campaign_id, {"due": None, "due_at": None}, when_due_at=lease)
    return True


