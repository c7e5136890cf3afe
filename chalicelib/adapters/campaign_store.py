"""Campaign items: conditional creation and status moves, atomic counters, lists and the due index."""
import json

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.sms_models import CampaignModel

FIELDS = ("campaign_id", "name", "kind", "segment_id", "template_id", "plan_id", "holdout_share", "send_at", "status",
          "status_note", "due_at", "store", "text", "signature", "price_li", "parts", "chunks", "planned", "held_out",
          "sent", "delivered", "delivered_parts", "failed", "unknown", "opted_out", "created_by", "created_at",
          "planned_at",
          "started_at", "finished_at")
COUNTS = ("sent", "delivered", "failed", "unknown", "opted_out")


def _plain(item: CampaignModel) -> dict:
    campaign = {name: getattr(item, name) for name in FIELDS}
    for name in ("holdout_share",):
        campaign[name] = float(campaign[name])
    for name in ("price_li", "parts", "chunks", "planned", "held_out", *COUNTS):
        campaign[name] = int(campaign[name] or 0)
    campaign["tenant_id"] = item.tenant_id
    campaign["rules"] = json.loads(item.rules) if item.rules else None
    campaign["excluded"] = json.loads(item.excluded or "{}")
    campaign["chunks_done"] = len(item.chunks_done or ())
    if campaign["delivered_parts"] is not None:  # None: planned before parts were counted per message
        campaign["delivered_parts"] = int(campaign["delivered_parts"])
    return campaign


def create(tenant_id: str, campaign: dict) -> bool:
    """Store a new campaign; False when one with this id exists (a birthday campaign already made today)."""
    fields = {**campaign, "rules": json.dumps(campaign["rules"], ensure_ascii=False) if campaign.get("rules") else None}
    item = CampaignModel(tenant_id, **{k: v for k, v in fields.items() if k != "campaign_id"},
                         campaign_id=campaign["campaign_id"])
    return conditional(item.save, condition=CampaignModel.campaign_id.does_not_exist())


def delete_draft(tenant_id: str, campaign_id: str) -> bool:
    """Remove a campaign while it is a draft (nothing was planned or sent for it); False otherwise."""
    return conditional(CampaignModel(tenant_id, campaign_id).delete, condition=CampaignModel.status == "draft")


def get(tenant_id: str, campaign_id: str) -> dict | None:
    try:
        return _plain(CampaignModel.get(tenant_id, campaign_id, consistent_read=True))
    except DoesNotExist:
        return None


def move(tenant_id: str, campaign_id: str, expected: tuple[str, ...], changes: dict) -> bool:
    """Set `changes` (None removes an attribute) only while the status is one of `expected`."""
    condition = CampaignModel.status.is_in(*expected)
    return _update(tenant_id, campaign_id, changes, condition)


def update_fields(tenant_id: str, campaign_id: str, changes: dict, when_due_at: str | None = None) -> bool:
    """Set `changes`; with `when_due_at`, only while due_at still holds that value (a planner's lease)."""
    condition = CampaignModel.due_at == when_due_at if when_due_at else CampaignModel.campaign_id.exists()
    return _update(tenant_id, campaign_id, changes, condition)


def _update(tenant_id: str, campaign_id: str, changes: dict, condition) -> bool:
    actions = []
    for name, value in changes.items():
        attribute = getattr(CampaignModel, name)
        if name == "rules" and value is not None:
            value = json.dumps(value, ensure_ascii=False)
        if name == "excluded":
            value = json.dumps(value)
        actions.append(attribute.remove() if value is None else attribute.set(value))
    return conditional(CampaignModel(tenant_id, campaign_id).update, actions=actions, condition=condition)


def add_counts(tenant_id: str, campaign_id: str, **deltas) -> None:
    """Atomic ADD of counters (sent, delivered, failed, unknown, opted_out)."""
    actions = [getattr(CampaignModel, name).add(value) for name, value in deltas.items() if value]
    if actions:
        CampaignModel(tenant_id, campaign_id).update(actions=actions)


def count_chunk(tenant_id: str, campaign_id: str, chunk: int, **deltas) -> dict | None:
    """Add one chunk's counts once: None when this chunk was counted before; else the campaign after."""
    actions = [CampaignModel.chunks_done.add({chunk})]
    actions += [getattr(CampaignModel, name).add(value) for name, value in deltas.items() if value]
    item = CampaignModel(tenant_id, campaign_id)
    if not conditional(item.update, actions=actions, condition=~CampaignModel.chunks_done.contains(chunk)):
        return None
    return _plain(item)


def list_campaigns(tenant_id: str, status: str = "") -> list[dict]:
    """The tenant's campaigns, newest first (a tenant has hundreds at most)."""
    items = [_plain(item) for item in CampaignModel.query(tenant_id)]
    items = [item for item in items if not status or item["status"] == status]
    return sorted(items, key=lambda c: c["created_at"], reverse=True)


def recent_for_tenant(tenant_id: str, since_iso: str) -> list[dict]:
    """Campaigns planned at or after `since_iso` (their plans feed the frequency cap)."""
    condition = CampaignModel.planned_at >= since_iso
    return [_plain(item) for item in CampaignModel.query(tenant_id, filter_condition=condition)]


def name_using_segment(tenant_id: str, segment_id: str) -> str | None:
    """The name of a campaign not yet done (a draft included) that targets this segment, if any."""
    condition = (CampaignModel.segment_id == segment_id) & CampaignModel.status.is_in(
        "draft", "scheduled", "sending", "paused")
    for campaign in CampaignModel.query(tenant_id, filter_condition=condition, attributes_to_get=["name"]):
        return campaign.name
    return None


def using_template(tenant_id: str, template_id: str) -> list[dict]:
    """Draft, scheduled, sending or paused campaigns that would send this template."""
    condition = (CampaignModel.template_id == template_id) & CampaignModel.status.is_in(
        "draft", "scheduled", "sending", "paused")
    return [_plain(item) for item in CampaignModel.query(tenant_id, filter_condition=condition)]


def due(until_iso: str) -> list[dict]:
    """Campaigns waiting for a time at or before `until_iso`, across tenants (the clock's work)."""
    return [_plain(CampaignModel.get(item.tenant_id, item.campaign_id, consistent_read=True))
            for item in CampaignModel.due_index.query("due", CampaignModel.due_at <= until_iso)]

