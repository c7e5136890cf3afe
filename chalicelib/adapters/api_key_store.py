"""Bulk API keys, found by the SHA-256 of the key."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.models import ApiKeyModel


def by_hash(key_hash: str) -> ApiKeyModel | None:
    try:
        return ApiKeyModel.get(key_hash)
    except DoesNotExist:
        return None


def of_tenant(tenant_id: str) -> list[ApiKeyModel]:
    return list(ApiKeyModel.tenant_index.query(tenant_id, scan_index_forward=False))


def save(key: ApiKeyModel) -> None:
    key.save()
