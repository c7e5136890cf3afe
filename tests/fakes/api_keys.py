"""adapters/api_key_store.py in memory: the same functions on ApiKey records; a revoked key stays revoked."""
import copy

from chalicelib.adapters.api_key_store import ApiKey


class KeyExists(Exception):
    """The fake's refusal of a second key with the same hash (the store's conditional put fails)."""


class FakeApiKeys:
    def __init__(self, *keys: ApiKey):
        self.items = {key.key_hash: copy.deepcopy(key) for key in keys}

    def by_hash(self, key_hash: str) -> ApiKey | None:
        found = self.items.get(key_hash)
        return copy.deepcopy(found) if found is not None else None

    def of_tenant(self, tenant_id: str) -> list[ApiKey]:
        mine = [key for key in self.items.values() if key.tenant_id == tenant_id]
        return [copy.deepcopy(key) for key in sorted(mine, key=lambda key: key.created_at, reverse=True)]

    def save(self, key: ApiKey) -> None:
        if key.key_hash in self.items:
            raise KeyExists(key.key_id)
        self.items[key.key_hash] = copy.deepcopy(key)

    def revoke(self, key: ApiKey, at: str) -> bool:
        return self._unless_revoked(key, revoked_at=at)

    def note_use(self, key: ApiKey, at: str) -> None:
        self._unless_revoked(key, last_used_at=at)

    def _unless_revoked(self, key: ApiKey, **values) -> bool:
        stored = self.items[key.key_hash]
        done = stored.revoked_at is None
        if done:
            for name, value in values.items():
                setattr(stored, name, value)
        for name, value in vars(copy.deepcopy(stored)).items():
            setattr(key, name, value)
        return done
