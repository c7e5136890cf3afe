"""A tenant's column mapping per import kind: read by every file import (uploads, ERP drops) and the bulk API."""
from chalicelib.adapters import audit_log, import_mapping_store
from chalicelib.clock import now_iso
from chalicelib.domain import audit_changes
from chalicelib.domain.column_mapping import clean_mapping
from chalicelib.domain.import_spec import COLUMNS, KINDS
from chalicelib.errors import NotFound

KIND_LABELS = {"customers": "客户导入", "orders": "订单导入"}


def mapping_of(tenant_id: str, kind: str, *, store=import_mapping_store) -> dict[str, str]:
    """field -> header the tenant mapped ({} when none)."""
    saved = store.get(tenant_id, kind)
    return saved["mapping"] if saved else {}


def view(tenant_id: str, kind: str, *, store=import_mapping_store) -> dict:
    """The mapping and every field it may name, for the mapping dialog."""
    _check_kind(kind)
    saved = store.get(tenant_id, kind) or {}
    fields = [{"field": column.field, "header": column.header, "required": column.required}
              for column in COLUMNS[kind]]
    return {"kind": kind, "mapping": saved.get("mapping", {}), "fields": fields,
            "updated_by": saved.get("updated_by", ""), "updated_at": saved.get("updated_at", "")}


def save(tenant_id: str, kind: str, mapping, username: str, *, store=import_mapping_store, audit=audit_log) -> dict:
    """Replace the kind's mapping (an empty one forgets it); ValidationFailed names each bad entry. Audited with
    each field's header before → after."""
    _check_kind(kind)
    before, after = mapping_of(tenant_id, kind, store=store), clean_mapping(kind, mapping)
    store.put(tenant_id, kind, after, username, now_iso())
    labels = {column.field: column.header for column in COLUMNS[kind]}
    audit.record_tenant(tenant_id, username, "修改导入字段映射", KIND_LABELS[kind],
                        changes=audit_changes.diff(dict.fromkeys(before | after, "") | before,
                                                   dict.fromkeys(before | after, "") | after, labels))
    return view(tenant_id, kind, store=store)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise NotFound("导入类型不存在：可用 customers（客户）或 orders（订单）")
