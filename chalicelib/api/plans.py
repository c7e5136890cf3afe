"""营销方案 for tenants: the market, plan detail and download, suggestions, own submissions."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_int, route
from chalicelib.domain.plans.schemas import AttachmentUploadRequest, PlanRequest
from chalicelib.domain.roles import STAFF_ROLES, TENANT_ADMIN, TENANT_EXPORT, TENANT_READ
from chalicelib.services.plans import dictionaries, market, submissions

bp = Blueprint(__name__)


@route(bp, "/api/plans", roles=TENANT_READ, response=responses.PlansPage)
def plan_market(caller):
    return market.market(caller.tenant_id, query(bp, "class"), query(bp, "event"), query(bp, "q"),
                         query(bp, "sort", "newest"), query_int(bp, "page", 1), query_int(bp, "size", 12))


@route(bp, "/api/plans/options", roles=STAFF_ROLES + TENANT_READ, response=responses.PlanOptions)
def plan_options(caller):
    return dictionaries.options()


@route(bp, "/api/plans/suggestions", roles=TENANT_READ, response=responses.PlanSuggestions)
def plan_suggestions(caller):
    return market.suggestions(caller.tenant_id, query(bp, "class"))


@route(bp, "/api/plans/mine", roles=TENANT_ADMIN, response=responses.PlansList)
def my_plans(caller):
    return market.mine(caller.tenant_id, query(bp, "status"), query_int(bp, "page", 1), query_int(bp, "size", 20))


@route(bp, "/api/plans/attachment-upload", methods=["POST"], roles=TENANT_ADMIN, request=AttachmentUploadRequest,
       response=responses.UploadTicket)
def attachment_upload(caller):
    return submissions.attachment_upload(caller.tenant_id, body(bp, AttachmentUploadRequest))


@route(bp, "/api/plans", methods=["POST"], roles=TENANT_ADMIN, status=201, request=PlanRequest,
       response=responses.PlanSubmitted)
def submit_plan(caller):
    return submissions.submit(caller.tenant_id, caller.username, body(bp, PlanRequest))


@route(bp, "/api/plans/{plan_id}", roles=TENANT_READ, response=responses.PlanDetail)
def plan_detail(plan_id, caller):
    return market.detail(caller.tenant_id, plan_id)


@route(bp, "/api/plans/{plan_id}", methods=["PUT"], roles=TENANT_ADMIN, request=PlanRequest,
       response=responses.PlanSubmitted)
def resubmit_plan(plan_id, caller):
    return submissions.resubmit(caller.tenant_id, caller.username, plan_id, body(bp, PlanRequest))


@route(bp, "/api/plans/{plan_id}/withdraw", methods=["POST"], roles=TENANT_ADMIN, response=responses.PlanResponse)
def withdraw_plan(plan_id, caller):
    return submissions.withdraw(caller.tenant_id, caller.username, plan_id)


@route(bp, "/api/plans/{plan_id}/download", methods=["POST"], roles=TENANT_EXPORT, response=responses.PlanDownload)
def download_plan(plan_id, caller):
    return market.download(caller.tenant_id, plan_id)
