"""Tenants' column mappings: one item per tenant and import kind, the mapping as JSON."""
import json

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.models import ImportMappingModel


def get(tenant_id: str, kind: str) -> dict | None:
    """{mapping, updated_by, updated_at}, or None when the tenant never saved one for this kind."""
    try:
        item = ImportMappingModel.get(tenant_id, kind, consistent_read=True)
    except DoesNotExist:
        return None
    return {"mapping": json.loads(item.mapping), "updated_by": item.updated_by, "updated_at": item.updated_at}


def put(tenant_id: str, kind: str, mapping: dict, updated_by: str, updated_at: str) -> None:
    ImportMappingModel(tenant_id, kind, mapping=json.dumps(mapping, ensure_ascii=False), updated_by=updated_by,
                       updated_at=updated_at).save()
