"""The public shape of a tenant, as the API returns it."""
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.domain.tenant_status import STATUS_LABELS

FIELDS = ("tenant_id", "company_name", "contact_name", "contact_phone", "license_no", "license_image_key",
          "industry", "username", "status", "reject_reason", "call_notes", "created_at", "updated_at",
          "reviewed_at", "reviewed_by")


# How people read the tenant's fields, e.g. in the audit trail of a profile change.
FIELD_LABELS = {"company_name": "企业名称", "contact_name": "联系人", "contact_phone": "联系手机",
                "license_no": "统一社会信用代码", "region": "所在地区", "industry": "所属行业"}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def public(tenant: Tenant) -> dict:
    view = {name: getattr(tenant, name) for name in FIELDS}
    view["region"] = dict(tenant.region or {})
    view["pending_changes"] = dict(tenant.pending_changes or {})
    view["status_label"] = STATUS_LABELS.get(tenant.status, tenant.status)
    return view
