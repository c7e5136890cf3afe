"""Logins (tenant users and staff) in DynamoDB, handed out as `User` records."""
from dataclasses import dataclass, fields

from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import conditional, failed_conditions
from chalicelib.adapters.models import UserModel
from chalicelib.domain.roles import ADMIN
from chalicelib.errors import Conflict


@dataclass(kw_only=True)
class User:
    """A login: a tenant's user or a platform staff member (the attributes of UserModel)."""

    username: str
    user_id: str
    account_type: str  # "tenant" or "staff"
    role: str
    display_name: str
    mobile: str
    password_hash: str
    created_at: str
    tenant_id: str | None = None
    status: str = "active"  # "active" or "disabled"
    token_version: int = 0
    store: str | None = None
    show_mobile: bool = False
    created_by: str | None = None
    last_login_at: str | None = None


_FIELDS = tuple(field.name for field in fields(User))


def get(username: str) -> User | None:
    try:
        return _record(UserModel.get(username, consistent_read=True))
    except DoesNotExist:
        return None


def create(user: User) -> None:
    """Store a new login; Conflict when the name is taken."""
    if not conditional(_model(user).save, condition=UserModel.username.does_not_exist()):
        raise username_taken()


def username_taken() -> Conflict:
    return Conflict("该登录名已被使用，请换一个登录名", [{"field": "username", "message": "该登录名已被使用"}],
                    code="USERNAME_TAKEN")


def display_names(usernames) -> dict[str, str]:
    """{login name: display name} for the logins that exist, in one batch read."""
    wanted = sorted({name for name in usernames if name})
    return {user.username: user.display_name for user in UserModel.batch_get(wanted)} if wanted else {}


def list_staff() -> list[User]:
    return [_record(item) for item in UserModel.account_type_index.query("staff")]


def tenant_users(tenant_id: str) -> list[User]:
    """A tenant's logins (its 企业管理员 and sub-accounts), oldest first."""
    return [_record(item) for item in UserModel.tenant_index.query(tenant_id)]


def set_password(user: User, password_hash: str) -> int:
    """Store the new hash and bump the token version (ending every earlier session); the new version."""
    _update(user, [UserModel.password_hash.set(password_hash), UserModel.token_version.add(1)])
    return user.token_version


def bump_token_version(user: User) -> int:
    """End every token issued so far (an atomic ADD: parallel bumps each count); the new version."""
    _update(user, [UserModel.token_version.add(1)])
    return user.token_version


def set_enabled(user: User, enabled: bool) -> None:
    """Enable, or disable and end the account's sessions in the same write (a re-enable revives none)."""
    actions = [UserModel.status.set("active" if enabled else "disabled")]
    _update(user, actions if enabled else [*actions, UserModel.token_version.add(1)])


def disable_by(user: User, actor: str) -> bool:
    """Disable `user` only while `actor` is an active admin, in one transaction: two admins disabling each
    other at once cannot both succeed, so one active admin always remains. False when the check failed."""
    try:
        with TransactWrite(connection=Connection(region=UserModel.Meta.region)) as transaction:
            transaction.condition_check(UserModel, actor, condition=(UserModel.status == "active")
                                        & (UserModel.role == ADMIN))
            transaction.update(UserModel(user.username),
                               actions=[UserModel.status.set("disabled"), UserModel.token_version.add(1)])
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            return False
        raise
    user.status, user.token_version = "disabled", int(user.token_version or 0) + 1
    return True


def set_fields(user: User, **values) -> None:
    """Set these attributes of the stored login (and of `user`)."""
    _update(user, [getattr(UserModel, name).set(value) for name, value in values.items()])


def _update(user: User, actions: list) -> None:
    """One update; `user` takes the stored values it returns (an ADD's result included)."""
    item = UserModel(user.username)
    item.update(actions=actions)
    for name, value in vars(_record(item)).items():
        setattr(user, name, value)


def _record(item: UserModel) -> User:
    values = {name: getattr(item, name) for name in _FIELDS}
    values["token_version"] = int(values["token_version"] or 0)
    values["show_mobile"] = bool(values["show_mobile"])
    return User(**values)


def _model(user: User) -> UserModel:
    return UserModel(user.username, **{name: getattr(user, name) for name in _FIELDS if name != "username"})
