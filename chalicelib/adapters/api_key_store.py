"""Bulk API keys, found by the SHA-256 of the key, handed out as `ApiKey` records."""
from dataclasses import dataclass, fields

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import ApiKeyModel


@dataclass(kw_only=True)
class ApiKey:
    """A tenant's bulk API key (the attributes of ApiKeyModel; the key itself is never stored)."""

    key_hash: str
    key_id: str
    tenant_id: str
    name: str
    prefix: str
    created_at: str
    created_by: str
    last_used_at: str | None = None
    revoked_at: str | None = None


_FIELDS = tuple(field.name for field in fields(ApiKey))


def by_hash(key_hash: str) -> ApiKey | None:
    try:
        return _record(ApiKeyModel.get(key_hash))
    except DoesNotExist:
        return None


def of_tenant(tenant_id: str) -> list[ApiKey]:
    """The tenant's keys, newest first."""
    return [_record(item) for item in ApiKeyModel.tenant_index.query(tenant_id, scan_index_forward=False)]


def save(key: ApiKey) -> None:
    """Store a new key (a key hash already stored is refused)."""
    _model(key).save(condition=ApiKeyModel.key_hash.does_not_exist())


def revoke(key: ApiKey, at: str) -> bool:
    """True for the one call that revoked it; False when it already was."""
    return _unless_revoked(key, ApiKeyModel.revoked_at.set(at))


def note_use(key: ApiKey, at: str) -> None:
    # An update, not a save: a save of the key read before a parallel revoke would undo the revoke.
    _unless_revoked(key, ApiKeyModel.last_used_at.set(at))


def _unless_revoked(key: ApiKey, action) -> bool:
    """The update unless the key is revoked; `key` takes the stored values either way."""
    item = ApiKeyModel(key.key_hash)
    if conditional(item.update, actions=[action], condition=ApiKeyModel.revoked_at.does_not_exist()):
        _copy(_record(item), key)
        return True
    try:  # the caller sees when it was revoked
        _copy(_record(ApiKeyModel.get(key.key_hash, consistent_read=True)), key)
    except DoesNotExist:
        pass
    return False


def _copy(source: ApiKey, target: ApiKey) -> None:
    for name in _FIELDS:
        setattr(target, name, getattr(source, name))


def _record(item: ApiKeyModel) -> ApiKey:
    return ApiKey(**{name: getattr(item, name) for name in _FIELDS})


def _model(key: ApiKey) -> ApiKeyModel:
    return ApiKeyModel(key.key_hash, **{name: getattr(key, name) for name in _FIELDS if name != "key_hash"})
