"""Changing one customer's tags or SMS consent from its detail page.

The customer item and the customer table change together under the tenant's import lease, as
every customer writer's do (an import running meanwhile would otherwise overwrite the change in
the table). A consent change is recorded as evidence (consent_log, source "detail") and audited.
"""
import secrets

import numpy as np

from chalicelib.adapters import audit_log, consent_log, customer_store
from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.clock import now_iso
from chalicelib.domain.customer_edits import CustomerEditRequest, with_row_tags
from chalicelib.errors import Conflict, NotFound
from chalicelib.services.customer_access import visible_customer
from chalicelib.services.imports.lease import ImportBusy, tenant_lease
from chalicelib.services.sms import opt_outs

CONSENT_LABELS = {True: "同意", False: "不同意"}


def edit(tenant_id: str, code: str, username: str, request: CustomerEditRequest, store: str = "") -> dict:
    """Apply the tags and/or consent of `request`; the customer's tags, consent and consent history after."""
    visible_customer(tenant_id, code, store)
    try:
        with tenant_lease(tenant_id, f"edit-{secrets.token_hex(6)}"):
            customer, consent_changed = _write(tenant_id, code, request)
    except ImportBusy:
        raise Conflict("该企业有数据导入正在进行，请稍后再保存", code="IMPORT_BUSY") from None
    if consent_changed:
        _record_consent(tenant_id, customer, username)
    if consent_changed or request.sms_consent:  # switching on also takes a replied-退订 number off the ledger
        opt_outs.from_detail(tenant_id, customer["mobile"], customer["sms_consent"], username, now_iso("milliseconds"))
    return {"customer_code": code, "tags": customer["tags"], "sms_consent": customer["sms_consent"],
            "consent_history": consent_log.history(tenant_id, code),
            "opt_out": opt_outs.current(tenant_id, customer["mobile"])}


def _write(tenant_id: str, code: str, request: CustomerEditRequest) -> tuple[dict, bool]:
    customer = customer_store.get(tenant_id, code)  # read again under the lease: an import may have changed it
    if customer is None:  # deleted meanwhile
        raise NotFound("客户不存在，或不在您可查看的门店范围内", code="CUSTOMER_NOT_FOUND")
    tags = customer["tags"] if request.tags is None else request.tags
    consent = bool(customer["sms_consent"]) if request.sms_consent is None else request.sms_consent
    consent_changed = consent != bool(customer["sms_consent"])
    if tags == customer["tags"] and not consent_changed:
        return customer, False
    customer = {**customer, "tags": tags, "sms_consent": consent, "updated_at": now_iso()}
    customer_store.put_many(tenant_id, [customer])
    table = CustomerTable(tenant_id)
    columns = table.read(["tags", "sms_consent", "updated_at"])
    row = int(np.searchsorted(columns["customer_code"], code))
    consents, updated = columns["sms_consent"].copy(), columns["updated_at"].astype(object)
    consents[row], updated[row] = consent, customer["updated_at"]
    table.write_columns({"tags": with_row_tags(columns["tags"], row, tags), "sms_consent": consents,
                         "updated_at": updated.astype(str)})
    return customer, consent_changed


def _record_consent(tenant_id: str, customer: dict, username: str) -> None:
    consent = customer["sms_consent"]
    consent_log.record(tenant_id, [{"customer_code": customer["customer_code"], "mobile": customer["mobile"],
                                    "sms_consent": consent, "source": "detail", "source_ref": "",
                                    "by": username, "at": customer["updated_at"]}])
    audit_log.record_tenant(tenant_id, username, "修改短信同意",
                     f"客户 {customer['customer_code']}：{CONSENT_LABELS[not consent]} → {CONSENT_LABELS[consent]}")
