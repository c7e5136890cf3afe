"""Admin portal: plan review, platform plans, usage, and the dictionaries (events, industries, fee plans, settings)."""
from chalice import Blueprint

from chalicelib.api.contracts import bodies, responses
from chalicelib.api.http import body, json_body, query, query_int, route
from chalicelib.domain.plans.schemas import AttachmentUploadRequest, PlanRequest
from chalicelib.domain.roles import DICTIONARIES, PLAN_REVIEW
from chalicelib.domain.schemas import ReasonRequest
from chalicelib.services import dictionaries_admin
from chalicelib.services.plans import curation

bp = Blueprint(__name__)


@route(bp, "/api/admin/plans", roles=PLAN_REVIEW, response=responses.PlansList)
def list_plans(caller):
    return curation.list_plans(query(bp, "status"), query(bp, "author"), query(bp, "q"), query_int(bp, "page", 1),
                               query_int(bp, "size", 20))


@route(bp, "/api/admin/plans", methods=["POST"], roles=PLAN_REVIEW, status=201, request=PlanRequest,
       response=responses.PlanResponse)
def create_plan(caller):
    return curation.create(body(bp, PlanRequest), caller.username)


@route(bp, "/api/admin/plans/attachment-upload", methods=["POST"], roles=PLAN_REVIEW, request=AttachmentUploadRequest,
       response=responses.UploadTicket)
def attachment_upload(caller):
    return curation.attachment_upload(body(bp, AttachmentUploadRequest))


@route(bp, "/api/admin/plans/{plan_id}", roles=PLAN_REVIEW, response=responses.PlanDetail)
def plan_detail(plan_id, caller):
    return curation.detail(plan_id)


@route(bp, "/api/admin/plans/{plan_id}", methods=["PUT"], roles=PLAN_REVIEW, request=PlanRequest,
       response=responses.PlanResponse)
def edit_plan(plan_id, caller):
    return curation.edit(plan_id, body(bp, PlanRequest), caller.username)


@route(bp, "/api/admin/plans/{plan_id}/approve", methods=["POST"], roles=PLAN_REVIEW, response=responses.PlanResponse)
def approve_plan(plan_id, caller):
    return curation.decide(plan_id, "approve", caller.username)


@route(bp, "/api/admin/plans/{plan_id}/reject", methods=["POST"], roles=PLAN_REVIEW, request=ReasonRequest,
       response=responses.PlanResponse)
def reject_plan(plan_id, caller):
    return curation.decide(plan_id, "reject", caller.username, body(bp, ReasonRequest).reason)


@route(bp, "/api/admin/plans/{plan_id}/take-down", methods=["POST"], roles=PLAN_REVIEW, response=responses.PlanResponse)
def take_down_plan(plan_id, caller):
    return curation.decide(plan_id, "take_down", caller.username)


@route(bp, "/api/admin/plans/{plan_id}/restore", methods=["POST"], roles=PLAN_REVIEW, response=responses.PlanResponse)
def restore_plan(plan_id, caller):
    return curation.decide(plan_id, "restore", caller.username)


@route(bp, "/api/admin/plans/{plan_id}/usage", roles=PLAN_REVIEW, response=responses.PlanUsage)
def plan_usage(plan_id, caller):
    return curation.usage_of(plan_id)


@route(bp, "/api/admin/dictionaries/{name}", roles=DICTIONARIES, response=responses.Dictionary)
def dictionary(name, caller):
    return dictionaries_admin.view(name)


@route(bp, "/api/admin/dictionaries/{name}", methods=["PUT"], roles=DICTIONARIES, request=bodies.DICTIONARY_ITEMS,
       response=responses.Dictionary)
def save_dictionary(name, caller):
    return dictionaries_admin.save(name, _items(), caller.username)


def _items():
    """A dictionary's entries as sent; the service checks each one and names the entry that is wrong."""
    payload = json_body(bp)
    return payload.get("items") if isinstance(payload, dict) else None
