"""Chalice custom authorizer: a valid, unrevoked JWT puts the caller's identity in the request context."""
import logging

from chalice import AuthResponse, Blueprint

from chalicelib.errors import AppError
from chalicelib.services import session

log = logging.getLogger(__name__)
bp = Blueprint(__name__)


@bp.authorizer()
def jwt_authorizer(auth_request):
    token = (auth_request.token or "").removeprefix("Bearer ").strip()
    try:
        identity = session.check(token)
    except AppError as error:
        log.info("token refused: %s", error.code)
        return AuthResponse(routes=[], principal_id="anonymous")
    return AuthResponse(routes=["*"], principal_id=identity["username"], context=identity)
