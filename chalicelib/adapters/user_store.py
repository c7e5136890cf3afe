"""Logins (tenant users and staff) in DynamoDB, with atomic failure counters."""
from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.adapters.models import UserModel
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


def add_failure(user: UserModel) -> int:
    """Count one more failed login and return the new count."""
    user.update(actions=[UserModel.failed_logins.add(1)])
    return user.failed_logins


def lock(user: UserModel, until: int) -> None:
    user.update(actions=[UserModel.failed_logins.set(0), UserModel.locked_until.set(until)])


def clear_failures(user: UserModel) -> None:
    if user.failed_logins or user.locked_until:
        user.update(actions=[UserModel.failed_logins.set(0), UserModel.locked_until.set(0)])


def set_fields(user: UserModel, **values) -> None:
    user.update(actions=[getattr(UserModel, name).set(value) for name, value in values.items()])
