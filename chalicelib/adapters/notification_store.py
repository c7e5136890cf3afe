"""In-portal messages per login, each login's unread counter, and once-markers (NotificationModel).

The unread count is a counter item (key "unread") moved by ADD in the same transaction as the message write
and as each mark-read, so the bell that polls it costs one GetItem however many messages a login keeps; a
filtered query would read every message of the last 180 days on each poll. DynamoDB's TTL removes old
messages without touching the counter, so marking all read also takes off what expired unread.
"""
import re
import secrets
from datetime import datetime, timedelta, timezone

from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import first_condition_failed
from chalicelib.adapters.platform_models import NotificationModel

KEEP = timedelta(days=180)  # messages
KEEP_MARKERS = timedelta(days=400)  # once-markers: longer than any reminder cycle they guard
UNREAD = "unread"
MSG = "msg#"
_ID = re.compile(r"\d{20}#[0-9a-f]{8}")
PLATFORM = "platform"  # once-markers of the platform itself (the staff digest)


def owner_of(username: str) -> str:
    return f"user#{username}"


def _once_owner(scope: str) -> str:
    return f"once#{scope}"


def _connection() -> Connection:
    return Connection(region=NotificationModel.Meta.region)


def _message(username: str, fields: dict, now: datetime) -> NotificationModel:
    key = f"{MSG}{now:%Y%m%d%H%M%S%f}#{secrets.token_hex(4)}"
    return NotificationModel(owner_of(username), key, kind=fields["kind"], title=fields["title"],
                             body=fields["body"], link=fields.get("link") or None,
                             created_at=now.isoformat(timespec="seconds"), expires=now + KEEP)


def add(usernames: list[str], fields: dict, once: tuple[str, str] | None = None) -> bool:
    """One message ({kind, title, body, link}) to each login, and with `once` = (scope, marker) only if that
    marker is new, all in one transaction: False (nothing written) when the marker already existed."""
    now = datetime.now(timezone.utc)
    try:
        with TransactWrite(connection=_connection()) as transaction:
            if once:
                marker = NotificationModel(_once_owner(once[0]), once[1], created_at=now.isoformat(timespec="seconds"),
                                           expires=now + KEEP_MARKERS)
                transaction.save(marker, condition=NotificationModel.owner.does_not_exist())
            for username in usernames:
                transaction.save(_message(username, fields, now))
                transaction.update(NotificationModel(owner_of(username), UNREAD),
                                   actions=[NotificationModel.unread.add(1)])
    except TransactWriteError as error:
        if once and first_condition_failed(error):
            return False
        raise
    return True


def mark_once(scope: str, marker: str) -> bool:
    """Take a once-marker alone (e.g. the staff digest of a day): True when it was new."""
    return add([], {}, (scope, marker))


def unread_count(username: str) -> int:
    try:
        item = NotificationModel.get(owner_of(username), UNREAD, consistent_read=True)
    except DoesNotExist:
        return 0
    return max(0, int(item.unread or 0))


def _query(username: str, unread_only: bool, limit: int | None = None):
    condition = NotificationModel.read_at.does_not_exist() if unread_only else None
    return NotificationModel.query(owner_of(username), NotificationModel.key.startswith(MSG),
                                   filter_condition=condition, scan_index_forward=False, limit=limit)


def page(username: str, offset: int, size: int, unread_only: bool = False) -> tuple[list[dict], int]:
    """One page of a login's messages, newest first, and how many there are."""
    found = [_view(item) for item in _query(username, unread_only)]
    return found[offset:offset + size], len(found)


def latest(username: str, size: int) -> list[dict]:
    return [_view(item) for item in _query(username, False, limit=size)][:size]


def _view(item: NotificationModel) -> dict:
    return {"id": item.key[len(MSG):], "kind": item.kind, "title": item.title, "body": item.body,
            "link": item.link, "created_at": item.created_at, "read": item.read_at is not None}


def mark_read(username: str, ids: list[str]) -> None:
    """Mark the login's own messages read; ids of other logins' messages, unknown or read ones change nothing."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for message_id in dict.fromkeys(i for i in ids if _ID.fullmatch(str(i))):
        _mark_one(username, f"{MSG}{message_id}", now)


def _mark_one(username: str, key: str, now: str) -> bool:
    unread = NotificationModel.owner.exists() & NotificationModel.read_at.does_not_exist()
    try:
        with TransactWrite(connection=_connection()) as transaction:
            transaction.update(NotificationModel(owner_of(username), key),
                               actions=[NotificationModel.read_at.set(now)], condition=unread)
            transaction.update(NotificationModel(owner_of(username), UNREAD),
                               actions=[NotificationModel.unread.add(-1)])
    except TransactWriteError as error:
        if first_condition_failed(error):
            return False  # read meanwhile (or not this login's): the counter stays as it was
        raise
    return True


def mark_read_about(username: str, kinds: tuple[str, ...], link: str) -> int:
    """Mark read the login's unread messages of these kinds pointing at `link` (the work they announced is done);
    how many."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    about = [item for item in _query(username, True) if item.kind in kinds and item.link == link]
    return sum(_mark_one(username, item.key, now) for item in about)


def mark_all_read(username: str) -> None:
    """Mark every unread message read, then take off the counter what expired unread."""
    counted = unread_count(username)  # read before the query: a message arriving meanwhile is never taken off
    unread = list(_query(username, True))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for item in unread:
        _mark_one(username, item.key, now)
    expired = counted - len(unread)
    if expired > 0:
        try:
            NotificationModel(owner_of(username), UNREAD).update(
                actions=[NotificationModel.unread.add(-expired)], condition=NotificationModel.unread >= expired)
        except UpdateError:
            pass  # a parallel mark-read took its part off first; the next mark-all settles the rest


def delete_for_tenant(tenant_id: str, usernames: list[str]) -> int:
    """Remove every message and counter of these logins and the tenant's once-markers; how many items went."""
    owners = [owner_of(name) for name in usernames] + [_once_owner(tenant_id)]
    removed = 0
    with NotificationModel.batch_write() as batch:
        for owner in owners:
            for item in NotificationModel.query(owner, attributes_to_get=["owner", "key"]):
                batch.delete(item)
                removed += 1
    return removed


def delete_mentions(tenant_id: str) -> int:
    """Remove the tenant's own items ("tenant#<id>") and every message mentioning the tenant (a staff member's
    message about it): each unread one takes one off its login's bell. How many items went."""
    removed = _delete_all(NotificationModel.query(f"tenant#{tenant_id}"))
    mentions = list(NotificationModel.scan(NotificationModel.link.contains(tenant_id)
                                           | NotificationModel.key.contains(tenant_id)
                                           | NotificationModel.body.contains(tenant_id)))
    for item in mentions:
        if item.key.startswith(MSG) and not item.read_at:
            NotificationModel(item.owner, UNREAD).update(actions=[NotificationModel.unread.add(-1)])
    return removed + _delete_all(mentions)


def _delete_all(items) -> int:
    items = list(items)
    with NotificationModel.batch_write() as batch:
        for item in items:
            batch.delete(item)
    return len(items)
