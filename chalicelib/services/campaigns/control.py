"""Send, pause and resume: each a conditional status move, so parallel clicks plan a campaign once."""
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters import audit_log, campaign_store, plan_store
from chalicelib.domain.campaigns.status import DONE, DRAFT, PAUSED, SCHEDULED, SENDING, next_status
from chalicelib.domain.sms import window
from chalicelib.domain.sms.window import CHINA
from chalicelib.errors import Conflict
from chalicelib.services.billing import status as billing_status
from chalicelib.services.campaigns import planning, precheck
from chalicelib.services.campaigns.drafts import existing
from chalicelib.services.stats import facts

PLAN_LEASE = timedelta(minutes=5)  # a planner that dies is replaced by the clock after this long


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _when(moment: datetime) -> str:
    """China time as a person reads it: with the year only when it is not this year's."""
    local, this_year = moment.astimezone(CHINA), datetime.now(CHINA).year
    return f"{local:%Y年%m月%d日 %H:%M}" if local.year != this_year else f"{local:%m月%d日 %H:%M}"


def waiting_note(start: datetime) -> str:
    hours = config.sms_send_window()
    return f"非发送时段（{hours[0]:02d}:00–{hours[1]:02d}:00），将于 {_when(start)} 开始发送"


def start_at(campaign: dict, now: datetime) -> datetime:
    """When the campaign may begin: its send time, moved into the next send window."""
    asked = max(now, datetime.fromisoformat(campaign["send_at"])) if campaign.get("send_at") else now
    return window.next_start(asked, config.sms_send_window())


def _scheduled_note(campaign: dict, begin: datetime) -> str:
    if campaign.get("send_at") and begin == datetime.fromisoformat(campaign["send_at"]):
        return f"定时发送：将于 {_when(begin)} 开始发送"
    return waiting_note(begin)


def send(tenant_id: str, campaign_id: str, actor: str, now: datetime | None = None) -> dict:
    """Start now (planned and queued) or schedule for the send time / next window; 409 with what blocks it."""
    now = now or datetime.now(timezone.utc)
    campaign = existing(tenant_id, campaign_id)
    next_status(campaign["status"], "send")  # only a draft can be sent
    billing_status.require_active(tenant_id, "发送营销活动")
    check = precheck.run(tenant_id, campaign, now)
    problems = precheck.blocking(check)
    if problems:
        raise Conflict(f"暂时不能发送：{problems[0]['message']}", details=problems, code="CAMPAIGN_BLOCKED")
    begin = start_at(campaign, now)
    if begin > now:
        note = _scheduled_note(campaign, begin)
        _move(tenant_id, campaign_id, (DRAFT,), {"status": SCHEDULED, "status_note": note, "due": "due",
                                                 "due_at": _iso(begin)})
        _record(tenant_id, actor, campaign, "定时发送营销活动", sent=True)
        return {"status": SCHEDULED, "status_note": note, "next_start": _iso(begin)}
    lease = _iso(now + PLAN_LEASE)
    _move(tenant_id, campaign_id, (DRAFT,), {"status": SENDING, "status_note": None, "started_at": _iso(now),
                                             "due": "due", "due_at": lease})
    facts.campaign_started(tenant_id)
    _record(tenant_id, actor, campaign, "发送营销活动", sent=True)
    # a change saved between the check and the move is what will be sent: plan from the campaign as stored now
    # (no edit gets past the move: PUT takes drafts only)
    after = planning.plan_and_queue(tenant_id, existing(tenant_id, campaign_id), now, lease)
    return {"status": after["status"], "status_note": after["status_note"], "next_start": None}


def _move(tenant_id: str, campaign_id: str, expected: tuple, changes: dict) -> None:
    if not campaign_store.move(tenant_id, campaign_id, expected, changes):
        raise Conflict("活动状态已变化（可能已被他人发送或暂停）：请刷新后查看", code="CAMPAIGN_CHANGED")


def _record(tenant_id: str, actor: str, campaign: dict, action: str, sent: bool = False) -> None:
    audit_log.record_tenant(tenant_id, actor, action, f"{campaign['name']}（{campaign['campaign_id']}）")
    if not sent or not campaign.get("plan_id"):
        return
    from chalicelib.services.plans import usage  # a campaign built on a market plan counts as its use

    plan = plan_store.get(campaign["plan_id"])
    if plan:
        usage.record(plan, tenant_id, "campaign")


def pause(tenant_id: str, campaign_id: str, actor: str) -> dict:
    campaign = existing(tenant_id, campaign_id)
    next_status(campaign["status"], "pause")
    note = "已暂停：点“继续发送”后只发给尚未发送的客户"
    _move(tenant_id, campaign_id, (SCHEDULED, SENDING), {"status": PAUSED, "status_note": note, "due": None,
                                                         "due_at": None})
    _record(tenant_id, actor, campaign, "暂停营销活动")
    return {"status": PAUSED, "status_note": note}


def resume(tenant_id: str, campaign_id: str, actor: str, now: datetime | None = None) -> dict:
    """Back to sending: a planned campaign's chunks are queued again (claims skip who already got one)."""
    now = now or datetime.now(timezone.utc)
    campaign = existing(tenant_id, campaign_id)
    next_status(campaign["status"], "resume")
    billing_status.require_active(tenant_id, "继续发送营销活动")
    if campaign["planned_at"] and campaign["chunks_done"] >= campaign["chunks"]:
        _move(tenant_id, campaign_id, (PAUSED,), {"status": DONE, "status_note": None, "finished_at": _iso(now)})
        _record(tenant_id, actor, campaign, "继续发送营销活动")
        return {"status": DONE, "status_note": None}
    begin = start_at(campaign, now)
    if begin > now:
        note = _scheduled_note(campaign, begin)
        _move(tenant_id, campaign_id, (PAUSED,), {"status": SCHEDULED, "status_note": note, "due": "due",
                                                  "due_at": _iso(begin)})
        _record(tenant_id, actor, campaign, "继续发送营销活动")
        return {"status": SCHEDULED, "status_note": note}
    result = begin_sending(tenant_id, campaign, now, (PAUSED,))
    _record(tenant_id, actor, campaign, "继续发送营销活动")
    return result


def begin_sending(tenant_id: str, campaign: dict, now: datetime, expected: tuple) -> dict:
    """Move to sending and queue: the planned chunks again, or plan first (under a lease)."""
    lease = None if campaign["planned_at"] else _iso(now + PLAN_LEASE)
    changes = {"status": SENDING, "status_note": None, "due": "due" if lease else None, "due_at": lease}
    if not campaign.get("started_at"):
        changes["started_at"] = _iso(now)
    _move(tenant_id, campaign["campaign_id"], expected, changes)
    if "started_at" in changes:  # a scheduled campaign's first start (a resume does not count again)
        facts.campaign_started(tenant_id)
    if lease:
        after = planning.plan_and_queue(tenant_id, campaign, now, lease)
        return {"status": after["status"], "status_note": after["status_note"]}
    planning.queue_plan(tenant_id, campaign["campaign_id"])
    return {"status": SENDING, "status_note": None}
