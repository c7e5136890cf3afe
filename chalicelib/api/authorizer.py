"""Chalice custom authorizer: a valid, unrevoked JWT puts the caller's identity in the request context."""
from chalice import AuthResponse, Blueprint

from chalicelib.errors import AppError
from chalicelib.observability import logger, observed
from chalicelib.services import session

bp = Blueprint(__name__)


# No caching: a disabled tenant or staff member, or a revoked token, loses access on the next call
# (API Gateway would otherwise keep answering from a cached Allow for the default 300 s).
@bp.authorizer(ttl_seconds=0)
@observed("authorizer", quiet=True)
def jwt_authorizer(auth_request):
    token = (auth_request.token or "").removeprefix("Bearer ").strip()
    try:
        identity = session.check(token)
    except AppError as error:
        logger.info("token refused", extra={"code": error.code})
        return AuthResponse(routes=[], principal_id="anonymous", context=refusal_context(error))
    return AuthResponse(routes=["*"], principal_id=identity["username"], context=identity)


def refusal_context(error: AppError) -> dict:
    """The refusal's code and message for the ACCESS_DENIED gateway response (infra/resources.json).

    API Gateway pastes them into a JSON template without escaping, so characters that would end the
    JSON string (a reject reason typed by staff may hold a quote) are replaced by look-alikes.
    """
    message = error.message.translate(_JSON_UNSAFE)
    return {"code": error.code, "message": "".join(ch for ch in message if ch >= " ")}


_JSON_UNSAFE = str.maketrans({'"': "”", "\\": "＼"})
