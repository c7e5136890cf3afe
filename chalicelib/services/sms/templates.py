"""短信模板: write, check as typed, submit for the provider's review, list, delete."""
import secrets

from chalicelib.adapters import audit_log, sms_settings_store, template_store, user_store
from chalicelib.adapters.sms import gateway as sms_gateway
from chalicelib.adapters.sms.errors import ProviderError, ProviderRejected
from chalicelib.clock import now_iso, time_id
from chalicelib.domain.sms import template_check, template_status
from chalicelib.domain.sms.length import measure
from chalicelib.domain.sms.requests import KINDS, CheckRequest, TemplateRequest
from chalicelib.errors import Conflict, NotFound, TooManyRequests, Unprocessable

SIGNATURE_PLACEHOLDER = "短信签名"  # shown (and counted) until the tenant has set its own


def check(tenant_id: str, request: CheckRequest, *, settings=sms_settings_store) -> dict:
    """The editor's live measure and findings, with the tenant's signature; nothing is stored."""
    signature = settings.get(tenant_id)["signature"]
    checked = template_check.check(request.text, signature or SIGNATURE_PLACEHOLDER, request.kind)
    return {**checked, "signature_missing": not signature}


def create(tenant_id: str, actor: str, request: TemplateRequest, *, settings=sms_settings_store,
           templates=template_store, gateway=None, audit=audit_log) -> dict:
    """Check the text, submit it for the provider's review and store it as 审核中."""
    signature = settings.get(tenant_id)["signature"]
    if not signature:
        raise Conflict("请先在短信设置中填写短信签名", code="SIGNATURE_MISSING")
    checked = template_check.check(request.text, signature, request.kind)
    blockers = template_check.blocking(checked)
    if blockers:
        raise Unprocessable("模板内容有需要修改的地方：" + "；".join(b["message"] for b in blockers),
                            [{"field": "text", "rule": b["rule"], "message": b["message"]} for b in blockers],
                            code="VALIDATION_FAILED")
    provider = gateway or sms_gateway()
    code = _submit(provider, request)
    stored = templates.create(tenant_id, {
        "template_id": time_id(secrets.token_hex(3)), "name": request.name, "kind": request.kind,
        "text": request.text, "status": template_status.PENDING, "provider": provider.name, "provider_code": code,
        "chars": checked["chars"], "parts": checked["parts"], "warnings": checked["warnings"],
        "created_by": actor, "created_at": now_iso()})
    audit.record_tenant(tenant_id, actor, "提交短信模板", f"{request.name}（{KINDS[request.kind]}）")
    return {**view(stored, signature), "chars": checked["chars"], "parts": checked["parts"]}


def list_templates(tenant_id: str, *, settings=sms_settings_store, templates=template_store, users=user_store) -> dict:
    """Every template, each with who wrote it by display name (created_by_name; the login name when gone)."""
    signature = settings.get(tenant_id)["signature"]
    found = templates.list_templates(tenant_id)
    names = users.display_names(t.get("created_by") for t in found)
    return {"items": [{**view(t, signature), "created_by_name": names.get(t.get("created_by"), t.get("created_by"))}
                      for t in found]}


def get(tenant_id: str, template_id: str, *, settings=sms_settings_store, templates=template_store) -> dict:
    return view(_existing(tenant_id, template_id, templates), settings.get(tenant_id)["signature"])


def delete(tenant_id: str, actor: str, template_id: str, *, settings=sms_settings_store,
           templates=template_store, audit=audit_log) -> dict:
    """Remove a template no campaign still to send and no 生日关怀 uses."""
    template = _existing(tenant_id, template_id, templates)
    campaign = templates.used_by_campaign(tenant_id, template_id)
    if campaign:
        raise Conflict(f"活动“{campaign}”正在使用该模板，请等活动完成或改用其他模板后再删除", code="TEMPLATE_IN_USE")
    current = settings.get(tenant_id)
    if current["birthday_template_id"] == template_id:
        raise Conflict("生日关怀正在使用该模板，请先在短信设置中更换模板后再删除", code="TEMPLATE_IN_USE")
    templates.delete(tenant_id, template_id)
    audit.record_tenant(tenant_id, actor, "删除短信模板", template["name"])
    return {"template_id": template_id, "deleted": True}


def rules() -> dict:
    return {"items": template_check.rules()}


def view(template: dict, signature: str) -> dict:
    """A template as the list shows it: length measured with the tenant's signature as it is now."""
    measured = measure(template["text"], signature, template["kind"] == "marketing") if signature else None
    return {name: template[name] for name in ("template_id", "name", "kind", "text", "status", "reason",
                                              "created_at", "created_by", "decided_at", "warnings")} | {
        "status_label": template_status.LABELS[template["status"]], "kind_label": KINDS[template["kind"]],
        "chars": measured.chars if measured else template["chars"],
        "parts": measured.parts if measured else template["parts"]}


def _existing(tenant_id: str, template_id: str, templates) -> dict:
    template = templates.get(tenant_id, template_id)
    if template is None:
        raise NotFound("短信模板不存在或已删除")
    return template


def _submit(provider, request: TemplateRequest) -> str:
    try:
        return provider.submit_template(request.kind, request.name, request.text)
    except ProviderRejected as error:
        raise Unprocessable(f"短信服务商拒绝受理该模板：{error.message}，请按提示修改后重新提交",
                            code="PROVIDER_REJECTED") from None
    except ProviderError:
        raise TooManyRequests("短信服务商暂时无法受理模板，请稍后重新提交", code="PROVIDER_BUSY") from None

