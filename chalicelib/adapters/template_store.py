"""短信模板 (sms_templates table): tenant_id + template_id. A template waiting for the provider's review
carries `review_pending` (the provider's name), so the sparse review index lists exactly those."""
import json

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.sms_models import CampaignModel, SmsTemplateModel
from chalicelib.clock import now_iso

FIELDS = ("template_id", "name", "kind", "text", "status", "reason", "provider", "provider_code", "chars", "parts",
          "created_by", "created_at", "decided_at")
LIVE_CAMPAIGNS = ("draft", "scheduled", "sending", "paused")  # they will still send this template's text


def create(tenant_id: str, item: dict) -> dict:
    """Store a new template {template_id, name, kind, text, status, provider, provider_code, chars, parts,
    warnings (list), created_by, created_at}; it as stored. A pending one enters the review index."""
    pending = item["provider"] if item["status"] == "pending" else None
    model = SmsTemplateModel(tenant_id, item["template_id"], review_pending=pending,
                             warnings=json.dumps(item.get("warnings", []), ensure_ascii=False),
                             **{name: item.get(name) for name in FIELDS if name != "template_id"})
    model.save(condition=SmsTemplateModel.template_id.does_not_exist())
    return _as_dict(model)


def get(tenant_id: str, template_id: str) -> dict | None:
    try:
        return _as_dict(SmsTemplateModel.get(tenant_id, template_id))
    except DoesNotExist:
        return None


def list_templates(tenant_id: str) -> list[dict]:
    """The tenant's templates, newest first (ids sort by creation time)."""
    return [_as_dict(item) for item in SmsTemplateModel.query(tenant_id, scan_index_forward=False)]


def decide(tenant_id: str, template_id: str, status: str, reason: str | None) -> bool:
    """Approve or reject a pending template; False when it was no longer pending (decided meanwhile, or gone)."""
    item = SmsTemplateModel(tenant_id, template_id)
    actions = [SmsTemplateModel.status.set(status), SmsTemplateModel.decided_at.set(now_iso()),
               SmsTemplateModel.review_pending.remove()]
    actions.append(SmsTemplateModel.reason.set(reason) if reason else SmsTemplateModel.reason.remove())
    return conditional(item.update, actions=actions, condition=SmsTemplateModel.status == "pending")


def pending_reviews(provider: str) -> list[dict]:
    """Templates of every tenant waiting for `provider`'s review, oldest first (tenant_id included)."""
    return [{**_as_dict(item), "tenant_id": item.tenant_id}
            for item in SmsTemplateModel.review_index.query(provider)]


def delete(tenant_id: str, template_id: str) -> bool:
    return conditional(SmsTemplateModel(tenant_id, template_id).delete, condition=SmsTemplateModel.template_id.exists())


def used_by_campaign(tenant_id: str, template_id: str) -> str | None:
    """The name of a campaign not yet done that sends this template, if any."""
    condition = (CampaignModel.template_id == template_id) & CampaignModel.status.is_in(*LIVE_CAMPAIGNS)
    for campaign in CampaignModel.query(tenant_id, filter_condition=condition,
                                        attributes_to_get=["campaign_id", "name"]):
        return campaign.name
    return None


def _as_dict(item: SmsTemplateModel) -> dict:
    data = {name: getattr(item, name) for name in FIELDS}
    data["chars"], data["parts"] = int(item.chars or 0), int(item.parts or 1)
    data["warnings"] = json.loads(item.warnings or "[]")
    return data
