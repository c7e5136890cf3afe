"""Staff see which tenants wait for a profile-change review, and read the audit trail in plain Chinese."""
from chalicelib.adapters import tenant_store
from chalicelib.adapters.models import TenantModel
from tests.integration.helpers import admin_token, approved_tenant, registration


def profile_form(seed: int, **changes) -> dict:
    form = registration(seed)
    form = {k: form[k] for k in ("company_name", "contact_name", "contact_phone", "license_no", "region", "industry")}
    form.update(changes)
    return form


def listed(api, token, query: str) -> list[str]:
    answer = api.get(f"/api/admin/tenants?{query}", token=token)
    assert answer.status_code == 200, answer.data
    return [t["tenant_id"] for t in answer.data["items"]]


def test_the_pending_change_filter_lists_only_tenants_whose_changes_wait_and_the_overview_counts_them(api):
    # Given three approved tenants, two of which asked to change their company name
    first, first_token = approved_tenant(api, 1)
    second, second_token = approved_tenant(api, 2)
    quiet, _ = approved_tenant(api, 3)
    api.put("/api/me/profile", profile_form(1, company_name="康宁连锁药房"), token=first_token)
    api.put("/api/me/profile", profile_form(2, company_name="百草堂药房"), token=second_token)
    admin = admin_token(api)

    # Then the filter lists exactly those two, newest first, and the overview counts them
    assert listed(api, admin, "pending_change=1") == [second, first]
    assert listed(api, admin, "pending_change=1&status=approved&q=测试大药房1") == [first]
    assert listed(api, admin, "pending_change=1&status=pending") == []
    assert api.get("/api/admin/overview", token=admin).data["pending_changes"] == 2
    assert quiet in listed(api, admin, "")

    # When staff decide one of them (approve) and the other (reject), both leave the queue
    api.post(f"/api/admin/tenants/{first}/changes/approve", token=admin)
    assert listed(api, admin, "pending_change=1") == [second]
    api.post(f"/api/admin/tenants/{second}/changes/reject", {"reason": "与执照不符"}, token=admin)
    assert listed(api, admin, "pending_change=1") == []
    assert api.get("/api/admin/overview", token=admin).data["pending_changes"] == 0


def test_the_pending_flag_follows_the_changes_when_a_tenant_edits_them_back(api):
    tenant_id, token = approved_tenant(api, 1)
    api.put("/api/me/profile", profile_form(1, company_name="康宁连锁药房"), token=token)
    assert tenant_store.count_pending_changes() == 1
    # Saving the profile with the original values withdraws the request
    api.put("/api/me/profile", profile_form(1), token=token)
    assert tenant_store.count_pending_changes() == 0
    assert TenantModel.get(tenant_id).change_pending is None


def test_the_audit_trail_names_fields_in_chinese_and_staff_by_display_name(api):
    # Given a tenant whose name change the platform admin approved
    tenant_id, token = approved_tenant(api, 1)
    api.put("/api/me/profile", profile_form(1, company_name="康宁连锁药房", contact_phone="13912345678"), token=token)
    admin = admin_token(api)
    api.post(f"/api/admin/tenants/{tenant_id}/changes/approve", token=admin)

    # Then the detail page's trail reads 企业名称 / 联系手机, never the raw field names
    detail = api.get(f"/api/admin/tenants/{tenant_id}", token=admin).data
    texts = " ".join(f"{e['action']} {e['detail']}" for e in detail["audit"])
    assert "企业名称：康宁连锁药房" in texts and "联系手机" in texts
    assert "company_name" not in texts and "contact_phone" not in texts
    # And staff appear by their display name, the tenant user by its contact name
    by_action = {e["action"]: e for e in detail["audit"]}
    assert by_action["通过资料变更"]["actor_name"] == "平台管理员"
    assert by_action["通过资料变更"]["actor"] == "admin"
    assert by_action["修改企业资料"]["actor_name"] == "李经理"
    assert detail["tenant"]["reviewed_by_name"] == "平台管理员"
