"""Templates, imports and their history."""
from chalice import Blueprint

from chalicelib.api.contracts import bodies, responses
from chalicelib.api.http import body, json_body, query_int, route, xlsx_response
from chalicelib.domain.import_spec import KIND_LABELS, KINDS
from chalicelib.domain.roles import TENANT_ADMIN
from chalicelib.domain.schemas import ImportRequest
from chalicelib.domain.templates import template_xlsx
from chalicelib.errors import NotFound
from chalicelib.services.imports import jobs, mappings
from chalicelib.services.imports import retry as import_retry

bp = Blueprint(__name__)


@route(bp, "/api/templates/{kind}")
def template(kind):
    if kind not in KINDS:
        raise NotFound("模板不存在：可下载 customers（客户）或 orders（订单）模板")
    return xlsx_response(template_xlsx(kind), f"{KIND_LABELS[kind]}导入模板.xlsx", f"{kind}-template.xlsx")


@route(bp, "/api/imports", methods=["POST"], roles=TENANT_ADMIN, status=201, request=ImportRequest,
       response=responses.ImportStarted)
def start(caller):
    request = body(bp, ImportRequest)
    return jobs.start_upload(caller.tenant_id, caller.username, request.kind, request.filename, request.dry_run)


@route(bp, "/api/imports", roles=TENANT_ADMIN, response=responses.ImportsPage)
def history(caller):
    return jobs.history(caller.tenant_id, query_int(bp, "page", 1), query_int(bp, "size", 20))


@route(bp, "/api/imports/{import_id}", roles=TENANT_ADMIN, response=responses.ImportItem)
def detail(import_id, caller):
    return jobs.get(caller.tenant_id, import_id)


@route(bp, "/api/imports/{import_id}/rollback", methods=["POST"], roles=TENANT_ADMIN, response=responses.ImportItem)
def rollback(import_id, caller):
    return jobs.rollback(caller.tenant_id, import_id, caller.username)


@route(bp, "/api/imports/{import_id}/retry", methods=["POST"], roles=TENANT_ADMIN, status=201, request=bodies.RETRY,
       response=responses.ImportItem)
def retry(import_id, caller):
    dry_run = (json_body(bp) or {}).get("dry_run")
    return import_retry.retry(caller.tenant_id, import_id, caller.username, dry_run)


@route(bp, "/api/imports/mappings/{kind}", roles=TENANT_ADMIN, response=responses.ImportMapping)
def mapping(kind, caller):
    return mappings.view(caller.tenant_id, kind)


@route(bp, "/api/imports/mappings/{kind}", methods=["PUT"], roles=TENANT_ADMIN, request=bodies.MAPPING,
       response=responses.ImportMapping)
def save_mapping(kind, caller):
    return mappings.save(caller.tenant_id, kind, (json_body(bp) or {}).get("mapping"), caller.username)
