"""Changing one customer's tags or SMS consent from its detail page.

The change is written (adapters/customers.py edit_one) under the tenant's import lease, as every
customer writer's is (an import running meanwhile would otherwise overwrite the change in the
table). A consent change is recorded as evidence (consent_log, source "detail") and audited.
"""
import secrets

from chalicelib.adapters import audit_log, consent_log, customers
from chalicelib.clock import now_iso
from chalicelib.domain.customer_edits import CustomerEditRequest
from chalicelib.errors import Conflict, NotFound
from chalicelib.services.customer_access import visible_customer
from chalicelib.services.imports.lease import ImportBusy, tenant_lease
from chalicelib.services.sms import opt_outs

CONSENT_LABELS = {True: "同意", False: "不同意"}


def edit(tenant_id: str, code: str, username: str, request: CustomerEditRequest, store: str = "", *,
         customers=customers) -> dict:
    """Apply the tags and/or consent of `request`; the customer's tags, consent and consent history after."""
    visible_customer(tenant_id, code, store, customers=customers)
    try:
        with tenant_lease(tenant_id, f"edit-{secrets.token_hex(6)}"):
            customer, consent_changed = apply_edit(tenant_id, code, request, customers=customers)
    except ImportBusy:
        raise Conflict("该企业有数据导入正在进行，请稍后再保存", code="IMPORT_BUSY") from None
    at = now_iso("milliseconds")  # evidence is ordered by it: an import's event may be of the same second
    if consent_changed:
        _record_consent(tenant_id, customer, username, at)
    if consent_changed or request.sms_consent:  # switching on also takes a replied-退订 number off the ledger
        opt_outs.from_detail(tenant_id, customer["mobile"], customer["sms_consent"], username, at)
    return {"customer_code": code, "tags": customer["tags"], "sms_consent": customer["sms_consent"],
            "consent_history": consent_log.history(tenant_id, code),
            "opt_out": opt_outs.current(tenant_id, customer["mobile"])}


def apply_edit(tenant_id: str, code: str, request: CustomerEditRequest, *, customers=customers) -> tuple[dict, bool]:
    """The customer after the edit and whether its consent changed; the caller holds the import lease."""
    customer = customers.get(tenant_id, code)  # read again under the lease: an import may have changed it
    if customer is None:  # deleted meanwhile
        raise NotFound("客户不存在，或不在您可查看的门店范围内", code="CUSTOMER_NOT_FOUND")
    tags = customer["tags"] if request.tags is None else request.tags
    consent = bool(customer["sms_consent"]) if request.sms_consent is None else request.sms_consent
    consent_changed = consent != bool(customer["sms_consent"])
    if tags == customer["tags"] and not consent_changed:
        return customer, False
    edited = {**customer, "tags": tags, "sms_consent": consent, "updated_at": now_iso()}
    customers.edit_one(tenant_id, customer, edited)
    return edited, consent_changed


def _record_consent(tenant_id: str, customer: dict, username: str, at: str) -> None:
    consent = customer["sms_consent"]
    consent_log.record(tenant_id, [{"customer_code": customer["customer_code"], "mobile": customer["mobile"],
                                    "sms_consent": consent, "source": "detail", "source_ref": "",
                                    "by": username, "at": at}])
    audit_log.record_tenant(tenant_id, username, "修改短信同意",
                     f"客户 {customer['customer_code']}：{CONSENT_LABELS[not consent]} → {CONSENT_LABELS[consent]}")
