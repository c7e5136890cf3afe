"""Bulk API keys, found by the SHA-256 of the key."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import ApiKeyModel


def by_hash(key_hash: str) -> ApiKeyModel | None:
    try:
        return ApiKeyModel.get(key_hash)
    except DoesNotExist:
        return None


def of_tenant(tenant_id: str) -> list[ApiKeyModel]:
    return list(ApiKeyModel.tenant_index.query(tenant_id, scan_index_forward=False))


def save(key: ApiKeyModel) -> None:
    key.save(condition=ApiKeyModel.key_hash.does_not_exist())


def revoke(key: ApiKeyModel, at: str) -> bool:
    """True for the one call that revoked it; False when it already was."""
    return _unless_revoked(key, ApiKeyModel.revoked_at.set(at))


def note_use(key: ApiKeyModel, at: str) -> None:
    # An update, not a save: a save of the key read before a parallel revoke would undo the revoke.
    _unless_revoked(key, ApiKeyModel.last_used_at.set(at))


def _unless_revoked(key: ApiKeyModel, action) -> bool:
    if conditional(key.update, actions=[action], condition=ApiKeyModel.revoked_at.does_not_exist()):
        return True
    key.refresh(consistent_read=True)  # the caller sees when it was revoked
    return False
