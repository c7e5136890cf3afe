"""系统数据管理 (issue 13): what each tenant stores and uses, its full export and its deletion with cooling-off."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_int, route
from chalicelib.domain.roles import DATA_ADMIN, DATA_VIEW
from chalicelib.domain.tenant_data_schemas import DeletionRequest
from chalicelib.services.tenant_data import deletion, jobs, overview

bp = Blueprint(__name__)


@route(bp, "/api/admin/data", roles=DATA_VIEW, response=responses.DataPage)
def data_list(caller):
    return overview.list_tenants(query(bp, "q"), query_int(bp, "page", 1), query_int(bp, "size", 20))


@route(bp, "/api/admin/tenants/{tenant_id}/data", roles=DATA_VIEW, response=responses.TenantData)
def tenant_data(tenant_id, caller):
    return overview.tenant_data(tenant_id)


@route(bp, "/api/admin/tenants/{tenant_id}/export", methods=["POST"], roles=DATA_ADMIN, status=202,
       response=responses.DataJobResponse)
def export_tenant(tenant_id, caller):
    return {"job": jobs.request_export(tenant_id, caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/jobs/{job_id}", roles=DATA_VIEW, response=responses.DataJobResponse)
def data_job(tenant_id, job_id, caller):
    return {"job": jobs.job_of(tenant_id, job_id)}


@route(bp, "/api/admin/tenants/{tenant_id}/deletion", methods=["POST"], roles=DATA_ADMIN, status=202,
       request=DeletionRequest, response=responses.DeletionResponse)
def request_deletion(tenant_id, caller):
    request = body(bp, DeletionRequest)
    return {"deletion": deletion.request(tenant_id, request.company_name, request.password, caller.username)}


@route(bp, "/api/admin/tenants/{tenant_id}/deletion/cancel", methods=["POST"], roles=DATA_ADMIN,
       response=responses.DeletionResponse)
def cancel_deletion(tenant_id, caller):
    return {"deletion": deletion.cancel(tenant_id, caller.username)}
