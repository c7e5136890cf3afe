"""Campaign drafts: create and change (draft only), read one, list page by page."""
import secrets
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import audit_log, campaign_store, plan_store, segment_store, template_store
from chalicelib.clock import now_iso
from chalicelib.domain.campaigns.status import DRAFT, STATUSES
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services.campaigns import views
from chalicelib.services.campaigns.requests import CampaignRequest
from chalicelib.services.paging import page_bounds

PAST_SEND_AT = timedelta(minutes=5)  # a send time a little behind the clock is "now"
FURTHEST_SEND_AT = timedelta(days=90)  # a campaign is about now: a send time years ahead is a typing slip


def _fields(tenant_id: str, request: CampaignRequest, now: datetime | None, *, templates, segments) -> dict:
    now = now or datetime.now(timezone.utc)
    if request.send_at and datetime.fromisoformat(request.send_at) < now - PAST_SEND_AT:
        message = "发送时间已经过去：请选择将来的时间，或选择立即发送"
        raise ValidationFailed(message, [{"field": "send_at", "message": message}])
    if request.send_at and datetime.fromisoformat(request.send_at) > now + FURTHEST_SEND_AT:
        message = f"发送时间最多可定在 {FURTHEST_SEND_AT.days} 天内：请选择更近的时间"
        raise ValidationFailed(message, [{"field": "send_at", "message": message}])
    template = templates.get(tenant_id, request.template_id)
    if template is None:
        raise NotFound("所选短信模板不存在或已被删除：请重新选择模板", code="TEMPLATE_NOT_FOUND")
    if template.get("kind", "marketing") != "marketing":  # a notice carries no opt-out suffix: never for campaigns
        message = "营销活动只能使用营销类模板：通知类模板不带退订提示，不能用于群发"
        raise ValidationFailed(message, [{"field": "template_id", "message": message}])
    if request.segment_id and segments.get(tenant_id, request.segment_id) is None:
        raise NotFound("所选人群不存在或已被删除：请重新选择人群", code="SEGMENT_NOT_FOUND")
    if request.plan_id and plan_store.get(request.plan_id) is None:
        raise NotFound("所选方案不存在：请重新选择方案", code="PLAN_NOT_FOUND")
    return {"name": request.name, "segment_id": request.segment_id, "rules": request.rules,
            "template_id": request.template_id, "plan_id": request.plan_id, "holdout_share": request.holdout_share,
            "send_at": request.send_at}


def create(tenant_id: str, actor: str, store: str, request: CampaignRequest, *, campaigns=campaign_store,  # noqa: PLR0913
           templates=template_store, segments=segment_store, now: datetime | None = None) -> dict:
    """A new draft; a 店长's campaign reaches only that store's customers."""
    campaign = {"campaign_id": f"cmp_{secrets.token_hex(8)}", "kind": "manual", "status": DRAFT, "store": store,
                "created_by": actor, "created_at": now_iso(),
                **_fields(tenant_id, request, now, templates=templates, segments=segments)}
    campaigns.create(tenant_id, campaign)
    audit_log.record_tenant(tenant_id, actor, "新建营销活动", _named(campaign))
    return {"campaign_id": campaign["campaign_id"], "status": DRAFT}


def _named(campaign: dict) -> str:
    return f"{campaign['name']}（{campaign['campaign_id']}）"


def update(tenant_id: str, campaign_id: str, actor: str, request: CampaignRequest, *, campaigns=campaign_store,  # noqa: PLR0913
           templates=template_store, segments=segment_store, now: datetime | None = None) -> dict:
    existing(tenant_id, campaign_id, campaigns=campaigns)
    changes = _fields(tenant_id, request, now, templates=templates, segments=segments)
    if not campaigns.move(tenant_id, campaign_id, (DRAFT,), changes):
        raise Conflict("活动已开始发送或已安排，不能再修改：可以新建一个活动", code="CAMPAIGN_NOT_DRAFT")
    audit_log.record_tenant(tenant_id, actor, "修改营销活动", _named({**changes, "campaign_id": campaign_id}))
    return views.detail(tenant_id, existing(tenant_id, campaign_id, campaigns=campaigns))


def delete(tenant_id: str, campaign_id: str, actor: str, *, campaigns=campaign_store) -> dict:
    """Delete a draft; one already sending, scheduled or sent stays (its messages and report are evidence)."""
    campaign = existing(tenant_id, campaign_id, campaigns=campaigns)
    if not campaigns.delete_draft(tenant_id, campaign_id):
        raise Conflict("只有草稿可以删除：已发送或已安排的活动保留发送记录和效果报告", code="CAMPAIGN_NOT_DRAFT")
    audit_log.record_tenant(tenant_id, actor, "删除营销活动", _named(campaign))
    return {"campaign_id": campaign_id, "deleted": True}


def existing(tenant_id: str, campaign_id: str, store: str = "", *, campaigns=campaign_store) -> dict:
    """The campaign; a 店长 (store given) sees only the campaigns of its store."""
    campaign = campaigns.get(tenant_id, campaign_id)
    if campaign is None or (store and campaign.get("store") != store):
        raise NotFound("这个营销活动不存在或已被删除", code="CAMPAIGN_NOT_FOUND")
    return campaign


def get(tenant_id: str, campaign_id: str) -> dict:
    return views.detail(tenant_id, existing(tenant_id, campaign_id))


def list_campaigns(tenant_id: str, status: str = "", page: int = 1, size: int = 20, store: str = "") -> dict:
    if status and status not in STATUSES:
        raise ValidationFailed(f"状态只能是 {'、'.join(STATUSES)}", [{"field": "status", "message": "未知的活动状态"}])
    page, size, shown = page_bounds(page, size)
    items = [c for c in campaign_store.list_campaigns(tenant_id, status) if not store or c.get("store") == store]
    return {"items": [views.detail(tenant_id, campaign) for campaign in items[shown]], "total": len(items),
            "page": page, "size": size}
