"""RFM analyses and the home dashboard (tenant users)."""
from chalice import Blueprint

from chalicelib.api.contracts import bodies, responses
from chalicelib.api.exports import JOB, workbook_or_job
from chalicelib.api.http import json_body, query, query_int, route
from chalicelib.api.scope import store_of
from chalicelib.domain.rfm.params import parse_params
from chalicelib.domain.roles import TENANT_ADMIN, TENANT_EXPORT, TENANT_READ
from chalicelib.errors import ValidationFailed
from chalicelib.services import dashboard
from chalicelib.services.analyses import run, saved
from chalicelib.services.exports import workbooks

bp = Blueprint(__name__)


@route(bp, "/api/analyses", methods=["POST"], roles=TENANT_ADMIN, request=bodies.ANALYSIS_PARAMS,
       response=responses.Analysis)
def preview(caller):
    request = json_body(bp)
    if not isinstance(request, dict):
        raise ValidationFailed("请求内容应为 JSON 对象")
    params = parse_params(request.get("start"), request.get("end"), request.get("m_mode"), request.get("threshold"))
    return run.preview(caller.tenant_id, params, caller.username)


@route(bp, "/api/analyses/{analysis_id}/save", methods=["POST"], roles=TENANT_ADMIN, response=responses.Analysis)
def save(analysis_id, caller):
    return run.save(caller.tenant_id, analysis_id, caller.username)


@route(bp, "/api/analyses/{analysis_id}/current", methods=["POST"], roles=TENANT_ADMIN, response=responses.Analysis)
def set_current(analysis_id, caller):
    return saved.set_current(caller.tenant_id, analysis_id, caller.username)


@route(bp, "/api/analyses", roles=TENANT_READ, response=responses.AnalysesPage)
def list_analyses(caller):
    return saved.list_analyses(caller.tenant_id, query_int(bp, "page", 1), query_int(bp, "size", 20))


@route(bp, "/api/analyses/{analysis_id}", roles=TENANT_READ, response=responses.Analysis)
def get_analysis(analysis_id, caller):
    return saved.get(caller.tenant_id, analysis_id, store_of(bp, caller))


@route(bp, "/api/analyses/{analysis_id}", methods=["DELETE"], roles=TENANT_ADMIN, response=responses.AnalysisDeleted)
def delete_analysis(analysis_id, caller):
    return saved.delete(caller.tenant_id, analysis_id, caller.username)


@route(bp, "/api/analyses/{analysis_id}/customers", roles=TENANT_READ, response=responses.AnalysisCustomersPage)
def analysis_customers(analysis_id, caller):
    return saved.customers(caller.tenant_id, analysis_id, query_int(bp, "page", 1), query_int(bp, "size", 20),
                              rfm_class=query(bp, "class"), q=query(bp, "q"), sort=query(bp, "sort"),
                              order=query(bp, "order", "asc"), store=store_of(bp, caller))


@route(bp, "/api/analyses/{analysis_id}/customers/{customer_code}", roles=TENANT_READ, response=responses.Explanation)
def explain_customer(analysis_id, customer_code, caller):
    return saved.explanation(caller.tenant_id, analysis_id, customer_code, store_of(bp, caller))


@route(bp, "/api/analyses/{analysis_id}/export", roles=TENANT_EXPORT, also=(202,), response=JOB)
def export_analysis(analysis_id, caller):
    answer = workbooks.analysis(caller.tenant_id, analysis_id, store_of(bp, caller), caller.username)
    return workbook_or_job(answer, "rfm-analysis.xlsx")


@route(bp, "/api/dashboard", roles=TENANT_READ, response=responses.Dashboard)
def home(caller):
    return dashboard.dashboard(caller.tenant_id, caller.store)

