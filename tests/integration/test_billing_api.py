"""交费管理 through the API: roles, validation, states after payments and voids, the list, the export, the
tenant's own view, and one receipt number per tenant under parallel calls."""
import io

import pytest
from openpyxl import load_workbook

from chalicelib.adapters import dictionary_store
from chalicelib.domain.billing.requests import PaymentRequest
from chalicelib.domain.schemas import parse
from chalicelib.errors import Conflict
from chalicelib.services.billing import payments as billing_payments
from chalicelib.services.billing import status
from tests.integration.billing_helpers import day, payment, staff_token, stop
from tests.integration.helpers import admin_token, approved_tenant, registration
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (fixture)
from tests.integration.sms_helpers import sub_account


def download(api, path: str, token: str):
    return api.client.http.get(path, headers={"Authorization": f"Bearer {token}", "Accept": "*/*"})


@pytest.fixture
def tenant(api):
    return approved_tenant(api, 41)


def test_approval_starts_a_30_day_trial(api, tenant):
    tenant_id, token = tenant
    billing = api.get("/api/me/billing", token=token).data["billing"]
    assert billing["state"] == "trial" and billing["state_label"] == "试用中"
    assert billing["trial_ends"] == day(29) and billing["paid_until"] == day(29) and billing["days_left"] == 29
    assert billing["fee_plan"] == "trial" and billing["banner"] is None
    assert billing["contact_phone"] == "400-800-1234"


def test_roles(api, tenant):
    tenant_id, token = tenant
    admin = admin_token(api)
    service = staff_token(api, admin, "customer_service", 1)
    reviewer = staff_token(api, admin, "plan_reviewer", 2)
    for path in ("/api/admin/billing", "/api/admin/billing/export", f"/api/admin/tenants/{tenant_id}/payments"):
        assert api.get(path, token=reviewer).status_code == 403
        assert api.get(path, token=token).status_code == 403
    assert api.get("/api/admin/billing", token=service).status_code == 200
    assert download(api, "/api/admin/billing/export", service).status_code == 200
    exported = api.get("/api/admin/audit?action=导出交费列表", token=admin).data["items"]
    assert [(e["actor"], e["detail"]) for e in exported] == [("fees1", "全部，1 家企业")]
    assert api.get(f"/api/admin/tenants/{tenant_id}/payments", token=service).status_code == 200
    assert api.post(f"/api/admin/tenants/{tenant_id}/payments", payment(), token=token).status_code == 403
    recorded = api.post(f"/api/admin/tenants/{tenant_id}/payments", payment(), token=service)
    assert recorded.status_code == 201, recorded.data
    payment_id = recorded.data["payment"]["payment_id"]
    void_path = f"/api/admin/tenants/{tenant_id}/payments/{payment_id}/void"
    assert api.post(void_path, {"reason": "录错"}, token=service).status_code == 403
    assert api.put(f"/api/admin/tenants/{tenant_id}/fee-plan", {"fee_plan": "pro"}, token=service).status_code == 403
    assert api.post(void_path, {"reason": "录错"}, token=admin).status_code == 200


def test_validation_messages(api, tenant):
    tenant_id, _ = tenant
    admin = admin_token(api)
    path = f"/api/admin/tenants/{tenant_id}/payments"
    answer = api.post(path, {}, token=admin)
    assert answer.status_code == 400
    messages = {d["field"]: d["message"] for d in answer.data["details"]}
    assert messages["amount_yuan"] == "请填写金额（元）" and messages["receipt_no"] == "请填写收据号"
    assert "对公转账" in messages["method"] and "专业版" in messages["fee_plan"]
    for bad, field, text in [({"amount_yuan": 0}, "amount_yuan", "大于 0"),
                             ({"amount_yuan": 1000000.01}, "amount_yuan", "1,000,000"),
                             ({"amount_yuan": "12.345"}, "amount_yuan", "两位小数"),
                             ({"period_start": "2027/01/01"}, "period_start", "YYYY-MM-DD"),
                             ({"end": -1}, "period_end", "不能早于"), ({"end": 3 * 366}, "period_end", "最长 3 年"),
                             ({"receipt_no": "x" * 41}, "receipt_no", "40"), ({"note": "备" * 201}, "note", "200"),
                             ({"fee_plan": "gold"}, "fee_plan", "收费套餐"), ({"method": "刷卡"}, "method", "付款方式"),
                             ({"period_start": "1900-01-01"}, "period_start", "2000-01-01 至 2099-12-31"),
                             ({"receipt_no": "A\u0000B"}, "receipt_no", "控制字符"),
                             ({"receipt_no": "\u202eABC"}, "receipt_no", "控制字符")]:
        end = bad.pop("end", 364)
        answer = api.post(path, payment(end=end, **bad), token=admin)
        assert answer.status_code == 400, bad
        assert text in {d["field"]: d["message"] for d in answer.data["details"]}[field], answer.data
    assert api.post("/api/admin/tenants/nope/payments", payment(), token=admin).status_code == 404
    pending = api.post("/api/auth/register", registration(42)).data["tenant_id"]
    refused = api.post(f"/api/admin/tenants/{pending}/payments", payment(), token=admin)
    assert refused.status_code == 409 and refused.data["code"] == "TENANT_NOT_APPROVED"
    planned = api.put(f"/api/admin/tenants/{pending}/fee-plan", {"fee_plan": "standard"}, token=admin)
    assert planned.status_code == 409 and planned.data["code"] == "TENANT_NOT_APPROVED"


def test_states_follow_payments_voids_and_the_trial_end(api, tenant):
    tenant_id, token = tenant
    admin = admin_token(api)
    stop(api, admin, tenant_id)
    mine = api.get("/api/me/billing", token=token).data["billing"]
    assert mine["state"] == "stopped" and mine["banner"]["level"] == "error"
    assert f"服务已于 {day(-30)} 到期" in mine["banner"]["text"]
    assert api.get("/api/admin/billing?view=overdue", token=admin).data["total"] == 1
    path = f"/api/admin/tenants/{tenant_id}/payments"
    paid = api.post(path, payment(start=-5, end=360), token=admin).data
    assert paid["billing"]["state"] == "active" and paid["billing"]["paid_until"] == day(360)
    assert paid["billing"]["fee_plan"] == "pro" and paid["payment"]["amount_yuan"] == 9800
    assert api.get("/api/admin/billing?view=overdue", token=admin).data["total"] == 0
    voided = api.post(f"{path}/{paid['payment']['payment_id']}/void", {"reason": "收据作废"}, token=admin)
    assert voided.data["billing"]["state"] == "stopped"
    assert voided.data["billing"]["fee_plan"] == "trial"  # its only payment gone: the paid plan's allowances too
    listed = api.get(path, token=admin).data
    assert listed["payments"][0]["voided"] is True and listed["payments"][0]["void_reason"] == "收据作废"
    assert listed["payments"][0]["recorded_by_name"] and listed["fee_plans"][0]["code"] == "trial"
    again = api.post(f"{path}/{paid['payment']['payment_id']}/void", {"reason": "再次"}, token=admin)
    assert again.status_code == 409
    # the voided receipt number may be recorded again (the corrected entry)
    short = api.post(path, payment(start=-1, end=10, amount_yuan="300.50", fee_plan="standard"), token=admin).data
    assert short["billing"]["state"] == "expiring" and short["billing"]["days_left"] == 10
    assert short["billing"]["banner"]["level"] == "warning"
    assert api.get(path, token=admin).data["billing"]["fee_plan_name"] == "标准版"
    entries = api.get(f"/api/admin/audit?tenant={tenant_id}", token=admin).data["items"]
    details = {e["action"]: e["detail"] for e in reversed(entries)}  # the newest of each kind
    assert "9,800 元" in details["作废交费"] and "标准版 300.50 元" in details["登记交费"]  # amounts written alike


def test_duplicate_receipt_is_refused(api, tenant):
    tenant_id, _ = tenant
    admin = admin_token(api)
    path = f"/api/admin/tenants/{tenant_id}/payments"
    assert api.post(path, payment("R-9"), token=admin).status_code == 201
    answer = api.post(path, payment(" r-9 "), token=admin)
    assert answer.status_code == 409 and answer.data["code"] == "DUPLICATE_RECEIPT"
    assert api.post(path, payment("Ｒ－９"), token=admin).data["code"] == "DUPLICATE_RECEIPT"  # full-width, the same
    assert "R-9" in answer.data["message"] or "r-9" in answer.data["message"]
    other_id, _ = approved_tenant(api, 43)
    assert api.post(f"/api/admin/tenants/{other_id}/payments", payment("R-9"), token=admin).status_code == 201


def test_parallel_payments_with_one_receipt_record_one(api, tenant, atomic_dynamodb):
    tenant_id, _ = tenant
    request = parse(PaymentRequest, payment("R-PAR"), {"fee_plans": billing_payments.plan_choices()})
    results = all_at_once(*[lambda: billing_payments.record(tenant_id, request, "admin")] * 6)
    assert sum(isinstance(r, dict) for r in results) == 1
    assert all(isinstance(r, Conflict) and r.code == "DUPLICATE_RECEIPT" for r in results if not isinstance(r, dict))
    assert len(billing_payments.tenant_payments(tenant_id)["payments"]) == 1


def test_fee_list_search_counts_paging_and_export(api, tenant):
    tenant_id, _ = tenant
    admin = admin_token(api)
    other_id, _ = approved_tenant(api, 44)
    stop(api, admin, other_id)
    api.post(f"/api/admin/tenants/{tenant_id}/payments", payment(), token=admin)
    listed = api.get("/api/admin/billing?size=1", token=admin).data
    assert listed["total"] == 2 and len(listed["items"]) == 1 and listed["counts"]["stopped"] == 1
    assert listed["counts"]["active"] == 1 and listed["items"][0]["tenant_id"] == other_id  # most urgent first
    found = api.get("/api/admin/billing?q=41号店", token=admin).data
    assert [i["tenant_id"] for i in found["items"]] == [tenant_id]
    row = found["items"][0]
    assert row["last_payment"]["amount_yuan"] == 9800 and row["fee_plan_name"] == "专业版"
    assert row["state_label"] == "正常" and row["contact_name"] == "李经理"
    assert api.get("/api/admin/billing?state=stopped", token=admin).data["items"][0]["tenant_id"] == other_id
    assert api.get("/api/admin/billing?state=bogus", token=admin).status_code == 400
    exported = download(api, "/api/admin/billing/export?state=active", admin)
    assert exported.status_code == 200 and "%E4%BA%A4%E8%B4%B9" in exported.headers["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(exported.body)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("企业名称", "联系人", "联系手机", "收费套餐", "状态")
    assert len(rows) == 2 and rows[1][0] == "测试大药房41号店" and rows[1][4] == "正常" and rows[1][8] == 9800


def test_fee_plan_change_and_trial_extension_are_audited(api, tenant):
    tenant_id, _ = tenant
    admin = admin_token(api)
    changed = api.put(f"/api/admin/tenants/{tenant_id}/fee-plan", {"fee_plan": "standard", "trial_ends": day(60)},
                      token=admin).data["billing"]
    assert changed["fee_plan"] == "standard" and changed["trial_ends"] == day(60) and changed["state"] == "trial"
    audit = api.get(f"/api/admin/tenants/{tenant_id}", token=admin).data["audit"]
    assert any(a["action"] == "修改收费套餐" for a in audit)
    api.post(f"/api/admin/tenants/{tenant_id}/payments", payment(), token=admin)
    audit = api.get(f"/api/admin/tenants/{tenant_id}", token=admin).data["audit"]
    paid = next(a for a in audit if a["action"] == "登记交费")
    assert paid["changes"] == [{"field": "服务到期日", "before": day(60), "after": day(364)}]
    bad = api.put(f"/api/admin/tenants/{tenant_id}/fee-plan", {"fee_plan": "pro", "trial_ends": "soon"}, token=admin)
    assert bad.status_code == 400


def test_tenant_sees_its_own_payments_without_staff_notes(api, tenant):
    tenant_id, token = tenant
    admin = admin_token(api)
    api.post(f"/api/admin/tenants/{tenant_id}/payments", payment(), token=admin)
    mine = api.get("/api/me/billing", token=token).data
    assert mine["fee_plan"]["code"] == "pro" and mine["billing"]["state"] == "active"
    assert len(mine["payments"]) == 1 and "note" not in mine["payments"][0]
    assert "recorded_by" not in mine["payments"][0]
    reader = sub_account(api, token, "feereader", "tenant_readonly", "13700000041")
    read = api.get("/api/me/billing", token=reader).data
    assert read["payments"] == [] and read["billing"]["state"] == "active"


def test_refresh_all_stores_states_and_overdue_count(api, tenant):
    tenant_id, _ = tenant
    admin = admin_token(api)
    stop(api, admin, tenant_id)
    rows = status.refresh_all()
    row = next(r for r in rows if r["tenant_id"] == tenant_id)
    assert row["state"] == "stopped" and row["company_name"] == "测试大药房41号店"
    assert row["contact_phone"] == registration(41)["contact_phone"]
    assert status.overdue_count() == 1


def test_the_local_demo_tenant_pays_a_year_of_pro_once(api):
    from chalicelib.adapters import user_store
    from local.demo.seed import DEMO_USERNAME, seed_local

    seed_local("Admin12345")
    seed_local("Admin12345")  # a restart: still one payment
    tenant_id = user_store.get(DEMO_USERNAME).tenant_id
    listed = billing_payments.tenant_payments(tenant_id)
    assert len(listed["payments"]) == 1 and listed["payments"][0]["fee_plan_name"] == "专业版"
    assert listed["billing"]["state"] == "active" and listed["billing"]["paid_until"] == day(364)


def test_the_fee_list_reads_the_platform_settings_once_not_per_tenant(api, tenant, monkeypatch):
    approved_tenant(api, 42)
    reads = []
    real_get = dictionary_store.get
    monkeypatch.setattr(dictionary_store, "get", lambda name: reads.append(name) or real_get(name))
    listed = api.get("/api/admin/billing", token=admin_token(api))
    assert listed.status_code == 200 and listed.data["total"] >= 2
    assert sorted(reads) == ["fee_plans", "settings"]
