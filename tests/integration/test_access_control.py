"""Roles, tenant isolation and token checks on every protected endpoint."""
import time

import jwt
import pytest

from chalicelib import config
from tests.integration.helpers import admin_token, approved_tenant, log_in, registration

ADMIN_ENDPOINTS = [
    ("GET", "/api/admin/overview"), ("GET", "/api/admin/tenants"), ("GET", "/api/admin/tenants/{other}"),
    ("PUT", "/api/admin/tenants/{other}/notes"), ("POST", "/api/admin/tenants/{other}/approve"),
    ("POST", "/api/admin/tenants/{other}/reject"), ("POST", "/api/admin/tenants/{other}/disable"),
    ("POST", "/api/admin/tenants/{other}/enable"), ("POST", "/api/admin/tenants/{other}/changes/approve"),
    ("GET", "/api/admin/staff"), ("POST", "/api/admin/staff"), ("POST", "/api/admin/staff/admin/disable"),
]


@pytest.fixture
def two_tenants(api):
    return approved_tenant(api, 1), approved_tenant(api, 2)


def staff_token(api, admin: str, role: str, seed: int) -> str:
    form = {"username": f"staff{seed}", "display_name": "小周", "mobile": f"1370000{seed:04d}", "role": role,
            "password": "Staff2026x"}
    assert api.post("/api/admin/staff", form, token=admin).status_code == 201
    return log_in(api, form["username"], form["password"], form["mobile"])


@pytest.mark.parametrize("method,path", ADMIN_ENDPOINTS)
def test_a_tenant_token_cannot_call_any_admin_endpoint(api, two_tenants, method, path):
    (_, token_a), (tenant_b, _) = two_tenants
    answer = api.call(method, path.format(other=tenant_b), {"reason": "x", "call_notes": "x"}, token=token_a)
    assert answer.status_code == 403
    assert answer.data["code"] == "FORBIDDEN"


def test_a_tenant_only_ever_sees_and_changes_its_own_company(api, two_tenants):
    (tenant_a, token_a), (tenant_b, token_b) = two_tenants
    me_a = api.get("/api/me", token=token_a).data
    assert me_a["tenant"]["tenant_id"] == tenant_a
    # A body naming another tenant changes nothing there: the tenant comes from the token only
    form = registration(1)
    update = {k: form[k] for k in ("company_name", "contact_phone", "license_no", "region", "industry")}
    update.update(contact_name="新联系人", tenant_id=tenant_b)
    assert api.put("/api/me/profile", update, token=token_a).data["tenant"]["tenant_id"] == tenant_a
    assert api.get("/api/me", token=token_b).data["tenant"]["contact_name"] == "李经理"


def test_customer_service_reviews_tenants_but_cannot_manage_staff(api, two_tenants):
    admin = admin_token(api)
    service = staff_token(api, admin, "customer_service", 1)
    assert api.get("/api/admin/tenants", token=service).status_code == 200
    assert api.get("/api/admin/staff", token=service).status_code == 403
    created = api.post("/api/admin/staff", {"username": "sneaky1", "display_name": "x", "mobile": "13700009999",
                                            "role": "admin", "password": "Sneaky2026"}, token=service)
    assert created.status_code == 403


def test_a_plan_reviewer_cannot_review_tenants(api, two_tenants):
    reviewer = staff_token(api, admin_token(api), "plan_reviewer", 2)
    assert api.get("/api/admin/overview", token=reviewer).status_code == 200
    assert api.get("/api/admin/tenants", token=reviewer).status_code == 403


def test_disabled_staff_lose_access_at_once_and_cannot_log_in(api):
    admin = admin_token(api)
    service = staff_token(api, admin, "customer_service", 3)
    assert api.post("/api/admin/staff/staff3/disable", token=admin).data["staff"]["status"] == "disabled"
    assert api.get("/api/admin/tenants", token=service).status_code == 403
    refused = api.post("/api/auth/login", {"username": "staff3", "password": "Staff2026x"})
    assert refused.data["code"] == "ACCOUNT_DISABLED"


def test_the_last_admin_cannot_disable_itself(api):
    admin = admin_token(api)
    assert api.post("/api/admin/staff/admin/disable", token=admin).status_code == 409


@pytest.mark.parametrize("header", ["", "Bearer nonsense", "Bearer {forged}", "Bearer {expired}"])
def test_missing_forged_or_expired_tokens_are_refused(api, two_tenants, header):
    claims = {"sub": "admin", "role": "admin", "tenant_id": "", "exp": int(time.time()) + 600}
    forged = jwt.encode(claims, "not-the-server-key-but-long-enough-0123456789", algorithm="HS256")
    expired = jwt.encode({**claims, "exp": int(time.time()) - 10}, config.jwt_secret(), algorithm="HS256")
    headers = {"Authorization": header.format(forged=forged, expired=expired)} if header else {}
    answer = api.client.http.get("/api/admin/tenants", headers=headers)
    assert answer.status_code in (401, 403)
    assert b"items" not in answer.body


def test_a_token_claiming_a_role_its_user_does_not_have_is_refused(api, two_tenants):
    (_, _), (tenant_b, _) = two_tenants
    claims = {"sub": "pharmacy1", "role": "admin", "tenant_id": "", "exp": int(time.time()) + 600}
    escalated = jwt.encode(claims, config.jwt_secret(), algorithm="HS256")
    assert api.get("/api/admin/tenants", token=escalated).status_code == 403
