"""交费管理: the staff's fee list and export, a tenant's payments and fee plan; a tenant's own fee state."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_int, route, xlsx_response
from chalicelib.domain.billing.requests import FeePlanRequest, PaymentRequest
from chalicelib.domain.roles import BILLING_ADMIN, BILLING_VIEW, TENANT_ROLES
from chalicelib.domain.schemas import ReasonRequest
from chalicelib.services.billing import lists, payments

bp = Blueprint(__name__)


@route(bp, "/api/admin/billing", roles=BILLING_VIEW, response=responses.FeeList)
def fee_list(caller):
    return lists.fee_list(query(bp, "state"), query(bp, "view"), query(bp, "q"), query_int(bp, "page", 1),
                          query_int(bp, "size", 20))


@route(bp, "/api/admin/billing/export", roles=BILLING_VIEW)
def fee_export(caller):
    workbook, filename = lists.export(query(bp, "state"), query(bp, "view"), query(bp, "q"), caller.username)
    return xlsx_response(workbook, filename, "billing.xlsx")


@route(bp, "/api/admin/tenants/{tenant_id}/payments", roles=BILLING_VIEW, response=responses.TenantPayments)
def tenant_payments(tenant_id, caller):
    return payments.tenant_payments(tenant_id)


@route(bp, "/api/admin/tenants/{tenant_id}/payments", methods=["POST"], roles=BILLING_VIEW, status=201,
       request=PaymentRequest, response=responses.PaymentRecorded)
def record_payment(tenant_id, caller):
    request = body(bp, PaymentRequest, {"fee_plans": payments.plan_choices()})
    return payments.record(tenant_id, request, caller.username)


@route(bp, "/api/admin/tenants/{tenant_id}/payments/{payment_id}/void", methods=["POST"], roles=BILLING_ADMIN,
       request=ReasonRequest, response=responses.BillingResponse)
def void_payment(tenant_id, payment_id, caller):
    return payments.void(tenant_id, payment_id, body(bp, ReasonRequest).reason, caller.username)


@route(bp, "/api/admin/tenants/{tenant_id}/fee-plan", methods=["PUT"], roles=BILLING_ADMIN, request=FeePlanRequest,
       response=responses.BillingResponse)
def set_fee_plan(tenant_id, caller):
    request = body(bp, FeePlanRequest, {"fee_plans": payments.plan_choices()})
    return payments.set_fee_plan(tenant_id, request, caller.username)


@route(bp, "/api/me/billing", roles=TENANT_ROLES, response=responses.MyBillingResponse)
def my_billing(caller):
    return payments.my_billing(caller.tenant_id, caller.role)
