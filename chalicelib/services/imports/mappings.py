"""A tenant's column mapping per import kind: read by every file import (uploads, ERP drops) and the bulk API."""
from chalicelib.adapters import import_mapping_store
from chalicelib.clock import now_iso
from chalicelib.domain.column_mapping import clean_mapping
from chalicelib.domain.import_spec import COLUMNS, KINDS
from chalicelib.errors import NotFound


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


def save(tenant_id: str, kind: str, mapping, username: str, *, store=import_mapping_store) -> dict:
    """Replace the kind's mapping (an empty one forgets it); ValidationFailed names each bad entry."""
    _check_kind(kind)
    store.put(tenant_id, kind, clean_mapping(kind, mapping), username, now_iso())
    return view(tenant_id, kind, store=store)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise NotFound("导入类型不存在：可用 customers（客户）或 orders（订单）")
