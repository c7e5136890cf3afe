"""消息: every login's own in-portal messages (tenant and staff alike)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, query_flag, query_int, route
from chalicelib.domain.roles import STAFF_ROLES, TENANT_ROLES
from chalicelib.domain.schemas import MarkReadRequest
from chalicelib.services import notifications

bp = Blueprint(__name__)
ANYONE = STAFF_ROLES + TENANT_ROLES


@route(bp, "/api/notifications", roles=ANYONE, response=responses.Inbox)
def inbox(caller):
    return notifications.inbox(caller.username, query_int(bp, "page", 1), query_int(bp, "size", 20),
                               unread_only=query_flag(bp, "unread"), latest=query_flag(bp, "latest"))


@route(bp, "/api/notifications/read", methods=["POST"], roles=ANYONE, request=MarkReadRequest,
       response=responses.Unread)
def mark_read(caller):
    request = body(bp, MarkReadRequest)
    return notifications.mark_read(caller.username, request.ids, everything=request.all)
