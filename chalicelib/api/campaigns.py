"""营销活动: drafts, the pre-send check, send/pause/resume, excluded lists and messages."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_int, route, xlsx_response
from chalicelib.domain.roles import TENANT_EDIT, TENANT_EXPORT, TENANT_READ
from chalicelib.services.campaigns import control, drafts, preview
from chalicelib.services.campaigns.requests import CampaignRequest

bp = Blueprint(__name__)


@route(bp, "/api/campaigns", roles=TENANT_READ, response=responses.CampaignsPage)
def list_campaigns(caller):
    return drafts.list_campaigns(caller.tenant_id, query(bp, "status"), query_int(bp, "page", 1),
                                 query_int(bp, "size", 20), caller.store)


@route(bp, "/api/campaigns", methods=["POST"], roles=TENANT_EDIT, status=201, request=CampaignRequest,
       response=responses.CampaignCreated)
def create_campaign(caller):
    return drafts.create(caller.tenant_id, caller.username, caller.store, body(bp, CampaignRequest))


@route(bp, "/api/campaigns/{campaign_id}", roles=TENANT_READ, response=responses.Campaign)
def get_campaign(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return drafts.get(caller.tenant_id, campaign_id)


@route(bp, "/api/campaigns/{campaign_id}", methods=["PUT"], roles=TENANT_EDIT, request=CampaignRequest,
       response=responses.Campaign)
def update_campaign(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return drafts.update(caller.tenant_id, campaign_id, caller.username, body(bp, CampaignRequest))


@route(bp, "/api/campaigns/{campaign_id}", methods=["DELETE"], roles=TENANT_EDIT, response=responses.CampaignDeleted)
def delete_campaign(campaign_id, caller):
    """删除草稿活动（已发送或已安排的活动不能删除）。"""
    _in_scope(campaign_id, caller)
    return drafts.delete(caller.tenant_id, campaign_id, caller.username)


@route(bp, "/api/campaigns/{campaign_id}/preview", methods=["POST"], roles=TENANT_READ,
       response=responses.CampaignPreview)
def preview_campaign(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return preview.preview(caller.tenant_id, campaign_id, caller.mobile_visible)


@route(bp, "/api/campaigns/{campaign_id}/excluded/{reason}", roles=TENANT_EXPORT)
def excluded(campaign_id, reason, caller):
    _in_scope(campaign_id, caller)
    return xlsx_response(*preview.excluded(caller.tenant_id, campaign_id, reason, caller.mobile_visible),
                         "excluded.xlsx")


@route(bp, "/api/campaigns/{campaign_id}/send", methods=["POST"], roles=TENANT_EDIT, response=responses.CampaignState)
def send(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return control.send(caller.tenant_id, campaign_id, caller.username)


@route(bp, "/api/campaigns/{campaign_id}/pause", methods=["POST"], roles=TENANT_EDIT, response=responses.CampaignState)
def pause(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return control.pause(caller.tenant_id, campaign_id, caller.username)


@route(bp, "/api/campaigns/{campaign_id}/resume", methods=["POST"], roles=TENANT_EDIT, response=responses.CampaignState)
def resume(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return control.resume(caller.tenant_id, campaign_id, caller.username)


@route(bp, "/api/campaigns/{campaign_id}/messages", roles=TENANT_READ, response=responses.MessagesPage)
def messages(campaign_id, caller):
    _in_scope(campaign_id, caller)
    return preview.messages(caller.tenant_id, campaign_id, query(bp, "status"), query_int(bp, "page", 1),
                            query_int(bp, "size", 20), caller.mobile_visible)


def _in_scope(campaign_id: str, caller) -> None:
    """Another tenant's campaign, or another store's for a 店长, is not found."""
    drafts.existing(caller.tenant_id, campaign_id, caller.store)
