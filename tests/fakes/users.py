"""adapters/user_store.py in memory: the same functions on User records, the same conditional writes."""
import copy

from chalicelib.adapters.user_store import User, username_taken
from chalicelib.domain.roles import ADMIN


class FakeUsers:
    def __init__(self, *users: User):
        self.items = {user.username: copy.deepcopy(user) for user in users}

    def _write(self, user: User, **values) -> None:
        stored = self.items.setdefault(user.username, copy.deepcopy(user))
        for name, value in values.items():
            setattr(stored, name, value)
        for name, value in vars(copy.deepcopy(stored)).items():
            setattr(user, name, value)

    def get(self, username: str) -> User | None:
        found = self.items.get(username)
        return copy.deepcopy(found) if found is not None else None

    def create(self, user: User) -> None:
        if user.username in self.items:
            raise username_taken()
        self.items[user.username] = copy.deepcopy(user)

    def display_names(self, usernames) -> dict[str, str]:
        return {name: self.items[name].display_name for name in set(usernames) if name in self.items}

    def list_staff(self) -> list[User]:
        return self._oldest_first(user for user in self.items.values() if user.account_type == "staff")

    def tenant_users(self, tenant_id: str) -> list[User]:
        return self._oldest_first(user for user in self.items.values() if user.tenant_id == tenant_id)

    @staticmethod
    def _oldest_first(users) -> list[User]:
        return [copy.deepcopy(user) for user in sorted(users, key=lambda user: user.created_at)]

    def set_password(self, user: User, password_hash: str) -> int:
        self._write(user, password_hash=password_hash, token_version=self._version(user) + 1)
        return user.token_version

    def bump_token_version(self, user: User) -> int:
        self._write(user, token_version=self._version(user) + 1)
        return user.token_version

    def set_enabled(self, user: User, enabled: bool) -> None:
        if enabled:
            self._write(user, status="active")
        else:
            self._write(user, status="disabled", token_version=self._version(user) + 1)

    def disable_by(self, user: User, actor: str) -> bool:
        admin = self.items.get(actor)
        if admin is None or admin.status != "active" or admin.role != ADMIN:
            return False
        self._write(user, status="disabled", token_version=self._version(user) + 1)
        return True

    def set_fields(self, user: User, **values) -> None:
        self._write(user, **values)

    def _version(self, user: User) -> int:
        stored = self.items.get(user.username)
        return stored.token_version if stored else 0
