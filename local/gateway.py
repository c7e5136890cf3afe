"""API Gateway's own answers (its gateway responses) for chalice's dev server, read from infra/resources.json.

chalice.local answers an authorizer refusal itself, without the app's CORS headers and in its own
shape, so a browser sees a network error where production answers 401 with our error body. The
production declarations in infra/resources.json are served here as they are, so both stacks answer a
refused session, a missing route or a failing authorizer alike.
"""
import json
import logging
import re
from http.server import BaseHTTPRequestHandler

from chalice.local import (
    ChaliceRequestHandler,
    ForbiddenError,
    InvalidAuthorizerError,
    LocalGateway,
    LocalGatewayAuthorizer,
    LocalGatewayException,
    NotAuthorizedError,
)

log = logging.getLogger(__name__)
HEADER_PREFIX = "gatewayresponse.header."
_AUTHORIZER_VALUE = re.compile(r"\$context\.authorizer\.(\w+)")
_CONTEXT_VALUE = re.compile(r"\$context\.[\w.]+")


class GatewayResponses:
    """The x-amazon-apigateway-gateway-responses declared for RestAPI, with the stack's own origin."""

    def __init__(self, template: dict, frontend_origin: str):
        definition = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
        self.declared = definition["x-amazon-apigateway-gateway-responses"]
        self.refs = {"FrontendOrigin": frontend_origin}

    def answer(self, response_type: str, status: int, body: bytes,
               authorizer: dict | None = None) -> tuple[int, dict, bytes]:
        """(status, headers, body) as API Gateway would send for `response_type` (default `status`).

        An undeclared type falls back to DEFAULT_4XX or DEFAULT_5XX, as in API Gateway.
        """
        declared = self.declared.get(response_type) or self.declared.get(
            "DEFAULT_5XX" if status >= 500 else "DEFAULT_4XX")
        if declared is None:
            return status, {}, body
        headers = {name.removeprefix(HEADER_PREFIX): _static(_sub(value, self.refs))
                   for name, value in declared.get("responseParameters", {}).items()
                   if name.startswith(HEADER_PREFIX)}
        template = declared.get("responseTemplates", {}).get("application/json")
        if template is not None:
            body = _render(template, authorizer or {}).encode("utf-8")
        return int(declared.get("statusCode", status)), headers, body


def _sub(value, refs: dict) -> str:
    if isinstance(value, dict) and set(value) == {"Fn::Sub"}:
        return re.sub(r"\$\{(\w+)\}", lambda m: refs[m.group(1)], value["Fn::Sub"])
    if isinstance(value, str):
        return value
    raise ValueError(f"gateway response value {value!r} is not resolved locally: extend local/gateway.py")


def _static(value: str) -> str:
    """API Gateway's static header values are single-quoted."""
    if not (len(value) >= 2 and value[0] == value[-1] == "'"):
        raise ValueError(f"gateway response header {value!r} is not a quoted static value")
    return value[1:-1]


def _render(template: str, authorizer: dict) -> str:
    """The template's $context.authorizer.* filled in; other $context values are unknown locally."""
    def authorizer_value(match):
        return json.dumps(str(authorizer.get(match.group(1), "")), ensure_ascii=False)[1:-1]
    return _CONTEXT_VALUE.sub("", _AUTHORIZER_VALUE.sub(authorizer_value, template))


class AccessDenied(ForbiddenError):
    """The authorizer's Deny, with the context it returned (API Gateway's $context.authorizer)."""

    def __init__(self, context: dict):
        super().__init__({"x-amzn-ErrorType": "AccessDeniedException"},
                         b'{"Message": "User is not authorized to access this resource"}')
        self.context = context


class _Authorizer(LocalGatewayAuthorizer):
    # chalice.local drops the context of a Deny; keep it for the ACCESS_DENIED template.
    def _check_can_invoke_view_function(self, arn, auth_result) -> bool:
        if super()._check_can_invoke_view_function(arn, auth_result):
            return True
        raise AccessDenied(auth_result.get("context") or {})


class _Gateway(LocalGateway):
    # API Gateway has no method for a verb a route lacks: it refuses it as a missing route, before the authorizer
    # (chalice.local would run the authorizer and let the app answer 405 in English).
    def _generate_lambda_event(self, method, path, headers, body):
        event = super()._generate_lambda_event(method, path, headers, body)
        if method != "OPTIONS" and method not in self._app_object.routes[event["requestContext"]["resourcePath"]]:
            raise ValueError(f"{path} has no {method} method")  # handle_request's "no such route"
        return event


def response_type(error: LocalGatewayException) -> str:
    """The API Gateway response type of one of chalice.local's refusals."""
    if isinstance(error, AccessDenied):
        return "ACCESS_DENIED"
    if isinstance(error, NotAuthorizedError):
        return "UNAUTHORIZED"
    if isinstance(error, InvalidAuthorizerError):
        return "AUTHORIZER_CONFIGURATION_ERROR"
    return "MISSING_AUTHENTICATION_TOKEN"  # chalice.local's other ForbiddenError: no such route


def handler_class(responses: GatewayResponses) -> type:
    """chalice.local's request handler, answering refusals with `responses`."""

    class GatewayRequestHandler(ChaliceRequestHandler):
        def __init__(self, request, client_address, server, app_object, config):
            # ChaliceRequestHandler.__init__ serves the request at once: set the gateway up before.
            self.local_gateway = _Gateway(app_object, config)
            self.local_gateway._authorizer = _Authorizer(app_object)
            BaseHTTPRequestHandler.__init__(self, request, client_address, server)

        def _generic_handle(self) -> None:
            headers, body = self._parse_payload()
            try:
                answer = self.local_gateway.handle_request(method=self.command, path=self.path,
                                                           headers=headers, body=body)
            except LocalGatewayException as error:
                self._send_error_response(error)
                return
            except Exception:  # an authorizer that raises: API Gateway answers AUTHORIZER_FAILURE
                log.exception("the authorizer failed on %s %s", self.command, self.path)
                self._send_gateway_response("AUTHORIZER_FAILURE", 500, {}, b'{"message": null}')
                return
            answer_headers = {**answer["headers"], **answer["multiValueHeaders"]}
            answer = self._handle_binary(answer)
            self._send_http_response(answer["statusCode"], answer_headers, answer["body"])

        do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

        def _send_error_response(self, error: LocalGatewayException) -> None:
            self._send_gateway_response(response_type(error), error.CODE, error.headers, error.body or b"",
                                        getattr(error, "context", None))

        def _send_gateway_response(self, kind, status, headers, body, authorizer=None) -> None:
            status, gateway_headers, body = responses.answer(kind, status, body, authorizer)
            self._send_http_response(status, {**headers, **gateway_headers}, body)

    return GatewayRequestHandler
