"""Logins (tenant users and staff) in DynamoDB."""
from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.models import UserModel
from chalicelib.domain.roles import ADMIN
from chalicelib.errors import Conflict


def get(username: str) -> UserModel | None:
    try:
        return UserModel.get(username, consistent_read=True)
    except DoesNotExist:
        return None


def create(user: UserModel) -> None:
    """Store a new login; Conflict when the name is taken."""
    try:
        user.save(condition=UserModel.username.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise Conflict("该登录名已被使用，请换一个登录名", [{"field": "username", "message": "该登录名已被使用"}],
                           code="USERNAME_TAKEN") from None
        raise


def display_names(usernames) -> dict[str, str]:
    """{login name: display name} for the logins that exist, in one batch read."""
    wanted = sorted({name for name in usernames if name})
    return {user.username: user.display_name for user in UserModel.batch_get(wanted)} if wanted else {}


def list_staff() -> list[UserModel]:
    return list(UserModel.account_type_index.query("staff"))


def tenant_users(tenant_id: str) -> list[UserModel]:
    """A tenant's logins (its 企业管理员 and sub-accounts), oldest first."""
    return list(UserModel.tenant_index.query(tenant_id))


def set_password(user: UserModel, password_hash: str) -> int:
    """Store the new hash and bump the token version (ending every earlier session); the new version."""
    user.update(actions=[UserModel.password_hash.set(password_hash), UserModel.token_version.add(1)])
    return user.token_version


def bump_token_version(user: UserModel) -> int:
    """End every token issued so far (an atomic ADD: parallel bumps each count); the new version."""
    user.update(actions=[UserModel.token_version.add(1)])
    return user.token_version


def set_enabled(user: UserModel, enabled: bool) -> None:
    """Enable, or disable and end the account's sessions in the same write (a re-enable revives none)."""
    actions = [UserModel.status.set("active" if enabled else "disabled")]
    user.update(actions=actions if enabled else [*actions, UserModel.token_version.add(1)])


def disable_by(user: UserModel, actor: str) -> bool:
    """Disable `user` only while `actor` is an active admin, in one transaction: two admins disabling each
    other at once cannot both succeed, so one active admin always remains. False when the check failed."""
    try:
        with TransactWrite(connection=Connection(region=UserModel.Meta.region)) as transaction:
            transaction.condition_check(UserModel, actor, condition=(UserModel.status == "active")
                                        & (UserModel.role == ADMIN))
            transaction.update(user, actions=[UserModel.status.set("disabled"), UserModel.token_version.add(1)])
    except TransactWriteError as error:
        if any(r and r.code == "ConditionalCheckFailed" for r in (error.cancellation_reasons or [])):
            return False
        raise
    user.status, user.token_version = "disabled", int(user.token_version or 0) + 1
    return True


def set_fields(user: UserModel, **values) -> None:
    user.update(actions=[getattr(UserModel, name).set(value) for name, value in values.items()])
