"""Profile edits (identity changes wait for review), password change, licence image upload."""
import pytest

from chalicelib import config
from chalicelib.adapters.aws import client
from tests.integration.helpers import admin_token, approved_tenant, last_code, log_in, registration

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def profile_form(**changes) -> dict:
    form = registration(1)
    form = {k: form[k] for k in ("company_name", "contact_name", "contact_phone", "license_no", "region", "industry")}
    form.update(changes)
    return form


def test_contact_changes_apply_at_once_but_company_name_waits_for_review(api):
    tenant_id, token = approved_tenant(api, 1)
    answer = api.put("/api/me/profile", profile_form(contact_name="赵店长", company_name="康宁连锁药房"), token=token)
    assert answer.data["review_required"] is True
    tenant = answer.data["tenant"]
    assert tenant["contact_name"] == "赵店长"
    assert tenant["company_name"] == "测试大药房1号店"
    assert tenant["pending_changes"] == {"company_name": "康宁连锁药房"}

    admin = admin_token(api)
    approved = api.post(f"/api/admin/tenants/{tenant_id}/changes/approve", token=admin).data["tenant"]
    assert approved["company_name"] == "康宁连锁药房"
    assert approved["pending_changes"] == {}


def test_a_new_mobile_receives_login_codes_only_after_review(api):
    tenant_id, token = approved_tenant(api, 1)
    api.put("/api/me/profile", profile_form(contact_phone="13912345678"), token=token)
    assert log_in(api, "pharmacy1", "Secret123", "13900000001")
    api.post(f"/api/admin/tenants/{tenant_id}/changes/approve", token=admin_token(api))
    assert log_in(api, "pharmacy1", "Secret123", "13912345678")


def test_rejected_changes_leave_the_company_as_it_was(api):
    tenant_id, token = approved_tenant(api, 1)
    api.put("/api/me/profile", profile_form(company_name="假冒名称"), token=token)
    rejected = api.post(f"/api/admin/tenants/{tenant_id}/changes/reject", {"reason": "与执照不符"},
                        token=admin_token(api)).data["tenant"]
    assert rejected["company_name"] == "测试大药房1号店" and rejected["pending_changes"] == {}


def test_password_change_needs_the_old_password(api):
    _, token = approved_tenant(api, 1)
    wrong = api.post("/api/me/password", {"old_password": "Nope12345", "new_password": "Newer2026"}, token=token)
    assert wrong.status_code == 400 and wrong.data["details"][0]["field"] == "old_password"
    assert api.post("/api/me/password", {"old_password": "Secret123", "new_password": "Newer2026"},
                    token=token).status_code == 200
    assert log_in(api, "pharmacy1", "Newer2026", "13900000001")


def upload_licence(api, content_type="image/png", body=PNG) -> str:
    presigned = api.post("/api/auth/license-upload", {"filename": "执照.png", "content_type": content_type,
                                                      "size": len(body)})
    assert presigned.status_code == 200, presigned.data
    fields = presigned.data["upload"]["fields"]
    assert fields["Content-Type"] == content_type and "policy" in fields
    key = presigned.data["key"]
    client("s3").put_object(Bucket=config.upload_bucket(), Key=key, Body=body, ContentType=content_type)
    return key


def test_a_licence_image_is_uploaded_and_shown_to_staff(api):
    key = upload_licence(api)
    tenant_id = api.post("/api/auth/register", registration(3, license_image_key=key)).data["tenant_id"]
    detail = api.get(f"/api/admin/tenants/{tenant_id}", token=admin_token(api)).data
    assert key in detail["license_image_url"]


@pytest.mark.parametrize("content_type,size,message", [
    ("application/pdf", 100, "JPG、PNG 或 WebP"), ("image/png", 6 * 1024 * 1024, "不能超过 5 MB"),
])
def test_licence_uploads_of_other_types_or_too_big_are_refused(api, content_type, size, message):
    answer = api.post("/api/auth/license-upload", {"filename": "x", "content_type": content_type, "size": size})
    assert answer.status_code == 400 and message in answer.data["message"]


def test_a_file_pretending_to_be_an_image_is_refused_at_registration(api):
    key = upload_licence(api, body=b"<html>not an image</html>")
    answer = api.post("/api/auth/register", registration(4, license_image_key=key))
    assert answer.status_code == 400 and "不是有效的图片" in answer.data["message"]


def test_a_licence_key_outside_the_upload_folder_is_refused(api):
    answer = api.post("/api/auth/register", registration(4, license_image_key="drop/other-tenant/secret.png"))
    assert answer.status_code == 400


def test_admin_overview_counts_tenants_and_this_weeks_registrations(api):
    approved_tenant(api, 1)
    api.post("/api/auth/register", registration(2))
    overview = api.get("/api/admin/overview", token=admin_token(api)).data
    assert overview["tenants"]["approved"] == 1 and overview["tenants"]["pending"] == 1
    assert len(overview["registrations"]) == 7 and overview["registrations"][-1]["count"] == 2


def test_tenant_list_searches_and_paginates(api):
    for seed in range(1, 6):
        api.post("/api/auth/register", registration(seed))
    admin = admin_token(api)
    page = api.get("/api/admin/tenants?page=2&size=2", token=admin).data
    assert page["total"] == 5 and len(page["items"]) == 2
    found = api.get("/api/admin/tenants?q=3号店", token=admin).data
    assert [t["username"] for t in found["items"]] == ["pharmacy3"]
    assert api.get("/api/admin/tenants?status=bogus", token=admin).status_code == 400


def test_sms_codes_reach_the_console_only_when_echo_is_on_in_the_local_stage(api, capsys, monkeypatch):
    approved_tenant(api, 1)
    approved_tenant(api, 2)
    assert "[短信]" not in capsys.readouterr().out
    monkeypatch.setenv("SMS_ECHO", "true")
    api.post("/api/auth/login", {"username": "pharmacy1", "password": "Secret123"})
    assert "[短信]" not in capsys.readouterr().out  # the dev stage: a deployed stage never prints codes
    monkeypatch.setattr(config, "stage", lambda: "local")  # the test client sets STAGE=dev on every call
    api.post("/api/auth/login", {"username": "pharmacy2", "password": "Secret123"})
    assert last_code("13900000002") in capsys.readouterr().out
