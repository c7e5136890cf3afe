"""消息: every login's own in-portal messages (tenant and staff alike)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query, query_int, route
from chalicelib.domain.roles import STAFF_ROLES, TENANT_ROLES
from chalicelib.domain.schemas import MarkReadRequest
from chalicelib.services import notifications

bp = Blueprint(__name__)
ANYONE = STAFF_ROLES + TENANT_ROLES


@route(bp, "/api/notifications", roles=ANYONE, query=("unread", "latest"), response=responses.Inbox)
def inbox(caller):
    return notifications.inbox(caller.username, query_int(bp, "page", 1), query_int(bp, "size", 20),
                               unread_only=_flag("unread"), latest=_flag("latest"))


def _flag(name: str) -> bool:
    return query(bp, name) in ("1", "true")


@route(bp, "/api/notifications/read", methods=["POST"], roles=ANYONE, request=MarkReadRequest,
       response=responses.Unread)
def mark_read(caller):
    request = body(bp, MarkReadRequest)
    return notifications.mark_read(caller.username, request.ids, everything=request.all)
