"""短信: signature and settings, templates and their review, the opt-out ledger; the platform's spend caps."""
from chalice import Blueprint, Response

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_int, route
from chalicelib.domain.roles import STAFF_MANAGEMENT, TENANT_ADMIN, TENANT_EDIT, TENANT_READ, TENANT_REVIEW
from chalicelib.domain.sms.requests import (
    BulkOptOutRequest,
    CapsRequest,
    CheckRequest,
    OptOutRequest,
    SettingsRequest,
    TemplateRequest,
)
from chalicelib.services.sms import opt_outs, settings, templates

bp = Blueprint(__name__)


@route(bp, "/api/sms/settings", roles=TENANT_READ, response=responses.SmsSettings)
def get_settings(caller):
    return settings.view(caller.tenant_id)


@route(bp, "/api/sms/settings", methods=["PUT"], roles=TENANT_ADMIN, request=SettingsRequest,
       response=responses.SmsSettings)
def put_settings(caller):
    return settings.update(caller.tenant_id, caller.username, body(bp, SettingsRequest))


@route(bp, "/api/admin/tenants/{tenant_id}/sms-caps", roles=TENANT_REVIEW, response=responses.SmsCaps)
def get_caps(tenant_id, caller):
    return settings.tenant_caps(tenant_id)


@route(bp, "/api/admin/tenants/{tenant_id}/sms-caps", methods=["PUT"], roles=STAFF_MANAGEMENT, request=CapsRequest,
       response=responses.SmsCaps)
def put_caps(tenant_id, caller):
    return settings.set_caps(tenant_id, caller.username, body(bp, CapsRequest))


@route(bp, "/api/sms/templates", roles=TENANT_READ, response=responses.Templates)
def list_templates(caller):
    return templates.list_templates(caller.tenant_id)


@route(bp, "/api/sms/templates", methods=["POST"], roles=TENANT_EDIT, status=201, request=TemplateRequest,
       response=responses.Template)
def create_template(caller):
    return templates.create(caller.tenant_id, caller.username, body(bp, TemplateRequest))


@route(bp, "/api/sms/templates/check", methods=["POST"], roles=TENANT_READ, request=CheckRequest,
       response=responses.TemplateCheck)
def check_template(caller):
    return templates.check(caller.tenant_id, body(bp, CheckRequest))


@route(bp, "/api/sms/templates/{template_id}", roles=TENANT_READ, response=responses.Template)
def get_template(template_id, caller):
    return templates.get(caller.tenant_id, template_id)


@route(bp, "/api/sms/templates/{template_id}", methods=["DELETE"], roles=TENANT_EDIT,
       response=responses.TemplateDeleted)
def delete_template(template_id, caller):
    return templates.delete(caller.tenant_id, caller.username, template_id)


@route(bp, "/api/sms/rules", roles=TENANT_READ, response=responses.ContentRules)
def content_rules(caller):
    return templates.rules()


@route(bp, "/api/opt-outs", roles=TENANT_READ, response=responses.OptOutsPage)
def list_opt_outs(caller):
    return opt_outs.page(caller.tenant_id, query(bp, "q"), query_int(bp, "page", 1), query_int(bp, "size", 20),
                         caller.mobile_visible)


@route(bp, "/api/opt-outs", methods=["POST"], roles=TENANT_EDIT, status=201, request=OptOutRequest, also=(200,),
       response=responses.OptOutAdded)
def add_opt_out(caller):
    entry, created = opt_outs.add(caller.tenant_id, caller.username, body(bp, OptOutRequest))
    return entry if created else Response(entry, status_code=200)


@route(bp, "/api/opt-outs/history", roles=TENANT_READ, response=responses.OptOutHistory)
def opt_out_history(caller):
    return opt_outs.history(caller.tenant_id, query(bp, "mobile"), caller.mobile_visible)


@route(bp, "/api/bulk/opt-outs", methods=["POST"], request=BulkOptOutRequest, api_key=True,
       response=responses.BulkOptOuts)
def bulk_opt_outs():
    return opt_outs.add_by_api_key(bp.current_request.headers.get("x-api-key", ""), body(bp, BulkOptOutRequest))
