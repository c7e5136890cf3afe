"""Hostile strings are stored as plain text or refused with a clear Chinese message."""
import json

import pytest

from tests.integration.helpers import admin_token, registration


@pytest.mark.parametrize("name", [
    "<script>alert('x')</script>药房", "'; DROP TABLE tenants; --", "康宁药房😀🏥", "O'Brien & Sons \"药店\"",
])
def test_hostile_but_visible_company_names_are_stored_verbatim(api, name):
    tenant_id = api.post("/api/auth/register", registration(7, company_name=name)).data["tenant_id"]
    detail = api.get(f"/api/admin/tenants/{tenant_id}", token=admin_token(api)).data
    assert detail["tenant"]["company_name"] == name


@pytest.mark.parametrize("name,fragment", [
    ("药" * 10_000, "最多 100 个字"), ("康宁\u200b药房", "不可见"), ("康宁\u202e药房", "不可见"), ("   ", "请填写"),
])
def test_overlong_or_invisible_names_are_refused_with_a_field_message(api, name, fragment):
    answer = api.post("/api/auth/register", registration(8, company_name=name))
    assert answer.status_code == 400
    [detail] = [d for d in answer.data["details"] if d["field"] == "company_name"]
    assert fragment in detail["message"]


def test_every_wrong_field_is_reported_at_once(api):
    answer = api.post("/api/auth/register", {
        "company_name": "", "contact_phone": "12345", "license_no": "91350100M000100Y44",
        "industry": "军火", "username": "1x", "password": "short"})
    fields = {d["field"] for d in answer.data["details"]}
    assert {"company_name", "contact_name", "contact_phone", "license_no", "region", "industry", "username",
            "password"} <= fields
    assert all(d["message"] for d in answer.data["details"])


def test_request_bodies_over_the_limit_are_refused(api):
    answer = api.call("POST", "/api/auth/register", raw=b'{"company_name": "' + b"a" * 70_000 + b'"}')
    assert answer.status_code == 413
    assert "过大" in answer.data["message"]


def test_a_body_that_is_not_json_gets_a_clear_error(api):
    answer = api.call("POST", "/api/auth/login", raw=b"username=admin")
    assert answer.status_code == 400
    assert answer.data["message"] == "请求内容不是有效的 JSON"


@pytest.mark.parametrize("raw", [b"[" * 5000 + b"]" * 5000, b'{"username": NaN}', b'{"username": -Infinity}'],
                         ids=["nested too deep", "NaN", "Infinity"])
def test_json_that_python_alone_would_choke_on_or_take_gets_the_same_clear_error(api, raw):
    answer = api.call("POST", "/api/auth/login", raw=raw)
    assert (answer.status_code, answer.data["message"]) == (400, "请求内容不是有效的 JSON")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_body_sent_as_another_media_type_is_refused_in_our_shape_in_chinese(api, content_type):
    answer = api.client.http.post("/api/auth/login", headers={"Content-Type": content_type}, body=b"a=1")
    assert answer.status_code == 415
    assert json.loads(answer.body) == {"code": "UNSUPPORTED_MEDIA_TYPE", "details": [],
                                      "message": "请求体须为 JSON：请把请求头 Content-Type 设为 application/json"}


def test_duplicate_login_name_and_licence_are_refused(api):
    assert api.post("/api/auth/register", registration(9)).status_code == 201
    taken = api.post("/api/auth/register", registration(10, username="pharmacy9"))
    assert (taken.status_code, taken.data["code"]) == (409, "USERNAME_TAKEN")
    licence = api.post("/api/auth/register", registration(11, license_no=registration(9)["license_no"]))
    assert (licence.status_code, licence.data["code"]) == (409, "LICENSE_REGISTERED")
