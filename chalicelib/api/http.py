"""The one place where requests become service calls and errors become responses."""
import functools
import json
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

from chalice import Blueprint, Response

from chalicelib import config, observability, request_context
from chalicelib.api import operations
from chalicelib.domain.schemas import Request, parse
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.errors import AppError, Forbidden, PayloadTooLarge, ValidationFailed

logger = observability.logger
BODY_METHODS = ("POST", "PUT", "PATCH")


@dataclass(frozen=True)
class Caller:
    username: str
    role: str
    tenant_id: str  # "" for staff
    store: str = ""  # the one store a 店长 is limited to; "" = every store
    mobile_visible: bool = True  # False: lists show masked mobiles


def route(bp: Blueprint, path: str, methods=("GET",), roles: tuple | None = None, status: int = 200,
          max_body=config.max_body_bytes, **contract):
    """Register a view: public when `roles` is None, else behind the JWT authorizer and a role check.

    The view receives the URL parameters, plus `caller` when protected. `contract` (request=, response=,
    query=, api_key=, also=) describes the operation for the OpenAPI document (chalicelib/api/operations.py).
    """
    from chalicelib.api.authorizer import jwt_authorizer

    def decorator(view):
        operations.record(operations.Operation(path, tuple(methods), roles, status, view, **contract))

        @functools.wraps(view)
        def handler(**params):
            origin = request_context.set_origin(*_origin(bp))
            try:
                with observability.log_context(**_log_keys(bp, path)), _traced(path):
                    return _answer(bp, view, params, roles, status, max_body)
            finally:
                observability.flush()
                request_context.reset_origin(origin)

        kwargs = {"authorizer": jwt_authorizer} if roles is not None else {}
        return bp.route(path, methods=list(methods), **kwargs)(handler)

    return decorator


def _answer(bp: Blueprint, view, params: dict, roles: tuple | None, status: int, max_body) -> Response:
    """The view's answer, or the error it raised as an answer (counted in the ApiErrors metrics)."""
    try:
        _check_body_size(bp, max_body())
        if roles is not None:
            params["caller"] = _caller(bp, roles)
        result = view(**params)
        return result if isinstance(result, Response) else Response(result, status_code=status)
    except AppError as error:
        observability.count_error(error.code)
        logger.info("request refused", extra={"code": error.code, "status": error.status})
        return Response(error.to_dict(), status_code=error.status)
    except Exception:
        observability.count_error("INTERNAL_ERROR")
        logger.exception("unhandled error")  # never the request body: it may hold mobiles
        return Response({"code": "INTERNAL_ERROR", "message": "服务器开小差了，请稍后重试", "details": []},
                        status_code=500)


def _log_keys(bp: Blueprint, path: str) -> dict:
    """Who (tenant, login name; never a mobile) asked for which route, and API Gateway's request id."""
    request = bp.current_request
    context = request.context or {}
    caller = context.get("authorizer") or {}
    return {"tenant_id": caller.get("tenant_id", ""), "username": caller.get("username", ""), "route": path,
            "method": request.method, "request_id": context.get("requestId", "")}


@contextmanager
def _traced(path: str):
    with observability.tracer.provider.in_subsegment(f"## {path}") as subsegment:
        subsegment.put_annotation("route", path)
        yield


def _check_body_size(bp: Blueprint, limit: int) -> None:
    request = bp.current_request
    if request.method in BODY_METHODS and len(request.raw_body or b"") > limit:
        raise PayloadTooLarge(f"请求内容过大（上限 {limit // 1024} KB），请精简后重试")


def _origin(bp: Blueprint) -> tuple[str, str]:
    """(role, source IP) of the request for the audit log; the local API server may not know the IP."""
    context = bp.current_request.context or {}
    role = (context.get("authorizer") or {}).get("role", "") or "anonymous"
    return role, (context.get("identity") or {}).get("sourceIp", "") or ""


def _caller(bp: Blueprint, roles: tuple) -> Caller:
    context = bp.current_request.context.get("authorizer") or {}
    caller = Caller(context.get("username", ""), context.get("role", ""), context.get("tenant_id", ""),
                    store=context.get("store", ""), mobile_visible=_flag(context.get("mobile_visible", True)))
    if caller.role not in roles:
        raise Forbidden("您的账号没有权限执行此操作", code="FORBIDDEN")
    return caller


def _flag(value) -> bool:
    """API Gateway hands authorizer context values over as strings ("true"/"false")."""
    return value if isinstance(value, bool) else str(value).lower() == "true"


def body(bp: Blueprint, model: type[Request], context: dict | None = None) -> Request:
    """The JSON body validated against `model` (and the lists in `context`)."""
    return parse(model, json_body(bp), context)


def json_body(bp: Blueprint):
    """The JSON body as sent (for payloads validated row by row, like the bulk API)."""
    try:
        return json.loads(bp.current_request.raw_body or b"{}", parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        raise ValidationFailed("请求内容不是有效的 JSON") from None


def _no_constant(name: str):
    """NaN and Infinity are not JSON (Python's parser takes them unless told otherwise)."""
    raise ValueError(name)


def query(bp: Blueprint, name: str, default: str = "") -> str:
    return (bp.current_request.query_params or {}).get(name, default)


def query_flag(bp: Blueprint, name: str) -> bool:
    """A yes/no query parameter: 1/true or 0/false (absent: no); anything else is a 400 saying so."""
    value = query(bp, name).strip().lower()
    if value not in ("", "0", "1", "true", "false"):
        raise ValidationFailed(f"参数 {name} 只能是 1（是）或 0（否）", [{"field": name, "message": "只能是 1 或 0"}])
    return value in ("1", "true")


def query_int(bp: Blueprint, name: str, default: int) -> int:
    value = query(bp, name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ValidationFailed(f"参数 {name} 应为整数") from None


def xlsx_response(workbook: bytes, filename: str, ascii_name: str = "report.xlsx") -> Response:
    """A workbook download; the Chinese file name travels RFC 5987-encoded beside an ASCII fallback."""
    return Response(workbook, headers={
        "Content-Type": XLSX_CONTENT_TYPE,
        "Content-Disposition": f"attachment; filename={ascii_name}; filename*=UTF-8''{quote(filename)}",
    })
