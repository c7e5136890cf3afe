"""Register → review → login with SMS code → first page, through the API."""
from tests.integration.helpers import admin_token, last_code, registration


def test_registered_tenant_waits_for_review_then_logs_in_with_sms_code(api):
    # Given a registration
    form = registration(1)
    created = api.post("/api/auth/register", form)
    assert created.status_code == 201
    assert created.data["status"] == "pending"

    # When it logs in before review, it is told to wait and gets no code
    pending = api.post("/api/auth/login", {"username": form["username"], "password": form["password"]})
    assert pending.status_code == 403
    assert pending.data["code"] == "TENANT_PENDING"
    assert "审核" in pending.data["message"]

    # When staff approve it
    admin = admin_token(api)
    listed = api.get("/api/admin/tenants?status=pending", token=admin)
    assert [t["company_name"] for t in listed.data["items"]] == [form["company_name"]]
    approved = api.post(f"/api/admin/tenants/{created.data['tenant_id']}/approve", token=admin)
    assert approved.data["tenant"]["status"] == "approved"

    # Then it logs in with password and the SMS code
    started = api.post("/api/auth/login", {"username": form["username"], "password": form["password"]})
    assert started.status_code == 200
    assert started.data["masked_mobile"] == "139****0001"
    assert "code" not in started.data
    verified = api.post("/api/auth/verify", {"challenge_id": started.data["challenge_id"],
                                             "code": last_code(form["contact_phone"])})
    assert verified.status_code == 200
    assert verified.data["role"] == "tenant_user"
    me = api.get("/api/me", token=verified.data["token"])
    assert me.data["tenant"]["company_name"] == form["company_name"]


def test_admin_journey_writes_every_action_to_the_audit_log(api):
    tenant_id = api.post("/api/auth/register", registration(2)).data["tenant_id"]
    admin = admin_token(api)
    api.put(f"/api/admin/tenants/{tenant_id}/notes", {"call_notes": "已电话核实，执照信息一致"}, token=admin)
    api.post(f"/api/admin/tenants/{tenant_id}/reject", {"reason": "执照照片模糊"}, token=admin)
    api.post(f"/api/admin/tenants/{tenant_id}/approve", token=admin)
    api.post(f"/api/admin/tenants/{tenant_id}/disable", token=admin)
    api.post(f"/api/admin/tenants/{tenant_id}/enable", token=admin)

    detail = api.get(f"/api/admin/tenants/{tenant_id}", token=admin).data
    assert [e["action"] for e in detail["audit"]] == ["重新启用", "禁用", "审核通过", "审核不通过", "更新通话记录"]
    assert detail["tenant"]["call_notes"] == "已电话核实，执照信息一致"
    assert detail["tenant"]["status"] == "approved"
