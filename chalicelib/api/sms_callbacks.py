"""Provider callbacks (delivery receipts, replies): public routes authenticated by the ?token= they carry."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import query, route
from chalicelib.services.campaigns import inbound

bp = Blueprint(__name__)


@route(bp, "/api/sms/callbacks/{provider}/{kind}", methods=["POST"], response=responses.CallbackAck)
def callback(provider, kind):
    return inbound.receive(provider, kind, query(bp, "token"), bp.current_request.raw_body or b"")
