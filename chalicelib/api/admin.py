"""Admin portal: platform overview, tenant review, staff management."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_flag, query_int, route
from chalicelib.domain.roles import ANY_STAFF, STAFF_MANAGEMENT, TENANT_REVIEW
from chalicelib.domain.schemas import NotesRequest, OptionalReasonRequest, ReasonRequest, StaffRequest
from chalicelib.services import review, staff

bp = Blueprint(__name__)


@route(bp, "/api/admin/overview", roles=ANY_STAFF, response=responses.Overview)
def overview(caller):
    return review.overview()


@route(bp, "/api/admin/tenants", roles=TENANT_REVIEW, response=responses.TenantsPage)
def list_tenants(caller):
    return review.list_tenants(query(bp, "status"), query(bp, "q"), query_int(bp, "page", 1), query_int(bp, "size", 20),
                               pending_change=query_flag(bp, "pending_change"))


@route(bp, "/api/admin/tenants/{tenant_id}", roles=TENANT_REVIEW, response=responses.TenantDetail)
def tenant_detail(tenant_id, caller):
    return review.detail(tenant_id)


@route(bp, "/api/admin/tenants/{tenant_id}/notes", methods=["PUT"], roles=TENANT_REVIEW, request=NotesRequest,
       response=responses.TenantResponse)
def tenant_notes(tenant_id, caller):
    return {"tenant": review.set_notes(tenant_id, body(bp, NotesRequest).call_notes, caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/approve", methods=["POST"], roles=TENANT_REVIEW,
       response=responses.TenantResponse)
def approve_tenant(tenant_id, caller):
    return {"tenant": review.apply_action(tenant_id, "approve", caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/reject", methods=["POST"], roles=TENANT_REVIEW, request=ReasonRequest,
       response=responses.TenantResponse)
def reject_tenant(tenant_id, caller):
    return {"tenant": review.apply_action(tenant_id, "reject", caller.username, body(bp, ReasonRequest).reason)}


@route(bp, "/api/admin/tenants/{tenant_id}/disable", methods=["POST"], roles=TENANT_REVIEW,
       response=responses.TenantResponse)
def disable_tenant(tenant_id, caller):
    return {"tenant": review.apply_action(tenant_id, "disable", caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/enable", methods=["POST"], roles=TENANT_REVIEW,
       response=responses.TenantResponse)
def enable_tenant(tenant_id, caller):
    return {"tenant": review.apply_action(tenant_id, "enable", caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/changes/approve", methods=["POST"], roles=TENANT_REVIEW,
       response=responses.TenantResponse)
def approve_changes(tenant_id, caller):
    return {"tenant": review.decide_changes(tenant_id, True, caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/changes/reject", methods=["POST"], roles=TENANT_REVIEW,
       request=OptionalReasonRequest, response=responses.TenantResponse)
def reject_changes(tenant_id, caller):
    return {"tenant": review.decide_changes(tenant_id, False, caller.username, body(bp, OptionalReasonRequest).reason)}


@route(bp, "/api/admin/staff", roles=STAFF_MANAGEMENT, response=responses.StaffList)
def list_staff(caller):
    return staff.list_staff()


@route(bp, "/api/admin/staff", methods=["POST"], roles=STAFF_MANAGEMENT, status=201, request=StaffRequest,
       response=responses.StaffResponse)
def create_staff(caller):
    return {"staff": staff.create_staff(body(bp, StaffRequest), caller.username)}


@route(bp, "/api/admin/staff/{username}/disable", methods=["POST"], roles=STAFF_MANAGEMENT,
       response=responses.StaffResponse)
def disable_staff(username, caller):
    return {"staff": staff.set_enabled(username, False, caller.username)}


@route(bp, "/api/admin/staff/{username}/enable", methods=["POST"], roles=STAFF_MANAGEMENT,
       response=responses.StaffResponse)
def enable_staff(username, caller):
    return {"staff": staff.set_enabled(username, True, caller.username)}
