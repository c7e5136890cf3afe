"""客户详情: one customer, its orders and follow-ups; the follow-ups due (home page)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query_int, route
from chalicelib.domain.customer_edits import CustomerEditRequest
from chalicelib.domain.follow_ups import FollowUpRequest
from chalicelib.domain.roles import TENANT_EDIT, TENANT_READ
from chalicelib.services import customer_detail, customer_edit, follow_ups

bp = Blueprint(__name__)


@route(bp, "/api/follow-ups/due", roles=TENANT_READ, response=responses.DueFollowUps)
def due_follow_ups(caller):
    return follow_ups.due(caller.tenant_id, caller.store)


@route(bp, "/api/customers/{code}", roles=TENANT_READ, response=responses.CustomerDetailResponse)
def customer(code, caller):
    return customer_detail.detail(caller.tenant_id, code, caller.store, caller.mobile_visible)


@route(bp, "/api/customers/{code}", methods=["PUT"], roles=TENANT_EDIT, request=CustomerEditRequest,
       response=responses.CustomerEdited)
def edit_customer(code, caller):
    return customer_edit.edit(caller.tenant_id, code, caller.username, body(bp, CustomerEditRequest), caller.store)


@route(bp, "/api/customers/{code}/orders", roles=TENANT_READ, response=responses.OrdersPage)
def customer_orders(code, caller):
    return customer_detail.orders(caller.tenant_id, code, caller.store, query_int(bp, "page", 1),
                                  query_int(bp, "size", 20))


@route(bp, "/api/customers/{code}/follow-ups", roles=TENANT_READ, response=responses.FollowUps)
def customer_follow_ups(code, caller):
    return follow_ups.of_customer(caller.tenant_id, code, caller.store)


@route(bp, "/api/customers/{code}/follow-ups", methods=["POST"], roles=TENANT_EDIT, status=201, request=FollowUpRequest,
       response=responses.FollowUp)
def add_follow_up(code, caller):
    return follow_ups.add(caller.tenant_id, code, caller.username, body(bp, FollowUpRequest), caller.store)
