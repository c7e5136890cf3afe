"""API Gateway's own refusals reach the browser: CORS headers and our error shape, in production and locally.

Without them an expired session or a disabled tenant looked like a network failure (issue 9, item 1).
"""
import json
import threading
import urllib.error
import urllib.request

import pytest
from chalice import AuthResponse, Chalice, CORSConfig
from chalice.config import Config
from chalice.local import LocalDevServer
from chalice.package import TemplateDeepMerger

from chalicelib.api.authorizer import refusal_context
from chalicelib.errors import Forbidden
from local.bootstrap import load_template
from local.gateway import GatewayResponses, handler_class

ORIGIN = "https://app.example.cn"
BODY_TYPES = ("ACCESS_DENIED", "UNAUTHORIZED", "MISSING_AUTHENTICATION_TOKEN", "DEFAULT_5XX")


def declared() -> dict:
    return load_template()["Resources"]["RestAPI"]["Properties"]["DefinitionBody"][
        "x-amazon-apigateway-gateway-responses"]


def test_the_template_declares_the_gateway_responses_with_the_apps_cors_headers():
    import app  # the CORS settings the app's own answers carry

    app_headers = app.app.api.cors.get_access_control_headers()
    for kind in ("DEFAULT_4XX", "DEFAULT_5XX", "ACCESS_DENIED", "UNAUTHORIZED", "MISSING_AUTHENTICATION_TOKEN"):
        parameters = declared()[kind]["responseParameters"]
        assert parameters["gatewayresponse.header.Access-Control-Allow-Origin"] == {"Fn::Sub": "'${FrontendOrigin}'"}
        assert parameters["gatewayresponse.header.Access-Control-Allow-Headers"] == \
            f"'{app_headers['Access-Control-Allow-Headers']}'"
        assert set(parameters["gatewayresponse.header.Access-Control-Allow-Methods"].strip("'").split(",")) >= {
            "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def test_a_refused_session_answers_401_in_our_error_shape():
    for kind in ("ACCESS_DENIED", "UNAUTHORIZED"):
        assert declared()[kind]["statusCode"] == "401"
    for kind in BODY_TYPES:
        filled = declared()[kind]["responseTemplates"]["application/json"].replace("$context.authorizer.", "")
        assert set(json.loads(filled)) == {"code", "message", "details"}
    assert json.loads(declared()["UNAUTHORIZED"]["responseTemplates"]["application/json"])["message"] == \
        "登录已过期，请重新登录"


def test_chalice_package_merges_the_gateway_responses_into_its_api_and_keeps_the_routes():
    generated = {"Resources": {"RestAPI": {"Type": "AWS::Serverless::Api", "Properties": {
        "StageName": "api", "DefinitionBody": {"swagger": "2.0", "paths": {"/api/me": {}}}}}}}
    merged = TemplateDeepMerger().merge(load_template(), generated)["Resources"]["RestAPI"]
    assert merged["Type"] == "AWS::Serverless::Api"
    assert merged["Properties"]["DefinitionBody"]["paths"] == {"/api/me": {}}
    assert set(merged["Properties"]["DefinitionBody"]["x-amazon-apigateway-gateway-responses"]) >= {
        "DEFAULT_4XX", "DEFAULT_5XX"}


def test_the_authorizers_answers_are_not_cached_so_a_disabled_tenant_is_refused_at_once():
    import app

    assert {entry.authorizer.config.ttl_seconds for methods in app.app.routes.values()
            for entry in methods.values() if entry.authorizer} == {0}


def test_the_authorizers_reason_cannot_break_the_json_template():
    context = refusal_context(Forbidden('企业未通过审核（原因：执照"模糊"\\\n请重传）', code="TENANT_REJECTED"))
    template = declared()["ACCESS_DENIED"]["responseTemplates"]["application/json"]
    # API Gateway pastes the values as they are
    body = template.replace("$context.authorizer.code", context["code"]).replace(
        "$context.authorizer.message", context["message"])
    assert json.loads(body)["code"] == "TENANT_REJECTED"
    assert "模糊" in json.loads(body)["message"]


# --- the local stack answers as the production gateway does -------------------------------------------

def tiny_app() -> Chalice:
    app = Chalice(app_name="gateway-test")
    app.api.cors = CORSConfig(allow_origin=ORIGIN, allow_headers=["Authorization", "Content-Type", "X-Api-Key"])

    @app.authorizer(ttl_seconds=0)
    def check(auth_request):
        token = auth_request.token.removeprefix("Bearer ")
        if token == "crash":
            raise RuntimeError("the user table is unreachable")
        if token == "ok":
            return AuthResponse(routes=["*"], principal_id="demo")
        return AuthResponse(routes=[], principal_id="anonymous", context=refusal_context(
            Forbidden("您的企业账号已被禁用，如有疑问请联系平台客服", code="TENANT_DISABLED")))

    @app.route("/api/me", authorizer=check)
    def me():
        return {"username": "demo"}

    return app


@pytest.fixture(scope="module")
def local_api():
    app = tiny_app()
    handler = handler_class(GatewayResponses(load_template(), ORIGIN))
    server = LocalDevServer(app, Config.create(chalice_app=app, app_name="gateway-test"), "127.0.0.1", 0,
                            handler_cls=handler)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server.server_address[1]}"
    server.server.shutdown()
    server.server.server_close()


def call(base: str, path: str, token: str | None = None, method: str = "GET") -> tuple[int, dict, dict]:
    request = urllib.request.Request(base + path, method=method, headers={"Origin": ORIGIN, **(
        {"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_locally_a_denied_session_answers_401_with_cors_and_the_authorizers_reason(local_api):
    status, headers, body = call(local_api, "/api/me", token="expired")
    assert status == 401
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Authorization" in headers["Access-Control-Allow-Headers"]
    assert body == {"code": "TENANT_DISABLED", "message": "您的企业账号已被禁用，如有疑问请联系平台客服", "details": []}


def test_locally_a_call_without_a_token_answers_401_with_cors(local_api):
    status, headers, body = call(local_api, "/api/me")
    assert (status, headers["Access-Control-Allow-Origin"]) == (401, ORIGIN)
    assert body["message"] == "登录已过期，请重新登录"


def test_locally_a_failing_authorizer_answers_500_in_our_shape_with_cors(local_api):
    status, headers, body = call(local_api, "/api/me", token="crash")
    assert (status, headers["Access-Control-Allow-Origin"], body["code"]) == (500, ORIGIN, "SERVER_ERROR")


@pytest.mark.parametrize("method, path, token", [
    ("GET", "/api/nothing-here", None), ("GET", "/api/nothing-here", "ok"),
    ("PATCH", "/api/me", None), ("DELETE", "/api/me", "ok")])
def test_locally_an_unknown_path_or_method_answers_404_in_chinese_with_cors_before_the_authorizer(
        local_api, method, path, token):
    status, headers, body = call(local_api, path, token, method)
    assert (status, headers["Access-Control-Allow-Origin"]) == (404, ORIGIN)
    assert body == {"code": "NOT_FOUND", "message": "没有这个接口，请检查地址和请求方法（见接口文档）", "details": []}


def test_locally_a_preflight_is_still_answered_by_the_gateway(local_api):
    request = urllib.request.Request(local_api + "/api/me", method="OPTIONS", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200 and "GET" in answer.headers["Access-Control-Allow-Methods"]


def test_locally_an_allowed_call_is_served_by_the_app(local_api):
    status, headers, body = call(local_api, "/api/me", token="ok")
    assert (status, body, headers["Access-Control-Allow-Origin"]) == (200, {"username": "demo"}, ORIGIN)
