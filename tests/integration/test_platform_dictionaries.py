"""字典 for the admin: fee plans (套餐与价格) and platform settings (平台设置) beside events and industries."""
import numpy as np
import pytest

from chalicelib import config
from chalicelib.services import platform_settings
from tests.integration.campaign_helpers import ready_tenant
from tests.integration.helpers import admin_token, approved_tenant, log_in
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, customer_rows, run_import

PLANS = "/api/admin/dictionaries/fee_plans"
SETTINGS = "/api/admin/dictionaries/settings"


def staff_login(api, admin: str, role: str, seed: int) -> str:
    form = {"username": f"dict{seed}", "display_name": f"员工{seed}", "mobile": f"1350000{seed:04d}", "role": role,
            "password": "Staff2026x"}
    assert api.post("/api/admin/staff", form, token=admin).status_code == 201
    return log_in(api, form["username"], form["password"], form["mobile"])


def test_the_four_dictionaries_answer_at_one_route_pair(api):
    admin = admin_token(api)
    for name in ("events", "industries", "fee_plans", "settings"):
        assert api.get(f"/api/admin/dictionaries/{name}", token=admin).status_code == 200, name
    assert api.get("/api/admin/dictionaries/nothing", token=admin).status_code == 404
    # events and industries keep their shapes and checks
    assert "医药" in api.get("/api/admin/dictionaries/industries", token=admin).data["items"]
    wrong = api.put("/api/admin/dictionaries/industries", {"items": ["医药", "医药"]}, token=admin)
    assert wrong.status_code == 400 and wrong.data["details"][0]["field"] == "items[1]"
    shown = api.get(PLANS, token=admin).data["items"]
    assert [plan["code"] for plan in shown] == ["trial", "standard", "pro"]
    assert api.get(SETTINGS, token=admin).data["items"]["contact_phone"] == "400-800-1234"


@pytest.mark.parametrize("role,seed", [("customer_service", 1), ("plan_reviewer", 2)])
def test_only_the_platform_admin_reads_or_edits_dictionaries(api, role, seed):
    token = staff_login(api, admin_token(api), role, seed)
    for name in ("fee_plans", "settings", "events"):
        assert api.get(f"/api/admin/dictionaries/{name}", token=token).status_code == 403
        assert api.put(f"/api/admin/dictionaries/{name}", {"items": []}, token=token).status_code == 403


def test_fee_plans_are_checked_entry_by_entry_and_built_in_codes_stay(api):
    admin = admin_token(api)
    plans = api.get(PLANS, token=admin).data["items"]
    wrong = api.put(PLANS, {"items": [{**plans[0], "price_yuan": -1}, plans[1]]}, token=admin)
    assert wrong.status_code == 400
    messages = {d["field"]: d["message"] for d in wrong.data["details"]}
    assert messages["items[0].price_yuan"].startswith("第 1 个套餐")
    assert "内置套餐 pro 不能删除" in messages["items"]

    added = plans + [{"code": "chain", "name": "连锁版", "price_yuan": 19800.5, "months": 12,
                      "customer_limit": 2000000, "sms_per_month": 300000}]
    plans[1]["price_yuan"] = 3800
    saved = api.put(PLANS, {"items": added}, token=admin)
    assert saved.status_code == 200, saved.data
    assert platform_settings.fee_plan("chain")["price_yuan"] == 19800.5
    assert platform_settings.fee_plan("standard")["price_yuan"] == 3800
    entry = api.get("/api/admin/audit?action=修改套餐与价格", token=admin).data["items"][0]
    assert {"field": "标准版·价格（元）", "before": "3600", "after": "3800"} in entry["changes"]


def test_a_plan_in_use_by_a_tenant_cannot_be_removed(api):
    from chalicelib.adapters.models import TenantModel

    admin = admin_token(api)
    tenant_id, _ = approved_tenant(api, 3)
    plans = api.get(PLANS, token=admin).data["items"]
    extra = {"code": "chain", "name": "连锁版", "price_yuan": 1, "months": 1, "customer_limit": 1, "sms_per_month": 1}
    assert api.put(PLANS, {"items": plans + [extra]}, token=admin).status_code == 200
    TenantModel(tenant_id).update(actions=[TenantModel.fee_plan.set("chain")])
    refused = api.put(PLANS, {"items": plans}, token=admin)
    assert refused.status_code == 400 and "chain" in refused.data["message"]


def test_settings_are_checked_and_audited_before_to_after(api):
    admin = admin_token(api)
    wrong = api.put(SETTINGS, {"items": {"contact_phone": "12345", "trial_days": 0,
                                         "staff_digest_mobiles": ["13800000000", "1"]}}, token=admin)
    assert wrong.status_code == 400
    assert {d["field"] for d in wrong.data["details"]} == {"contact_phone", "trial_days", "staff_digest_mobiles"}
    saved = api.put(SETTINGS, {"items": {"contact_phone": "400-123-4567", "trial_days": 14}}, token=admin)
    assert saved.status_code == 200 and saved.data["items"]["trial_days"] == 14
    assert platform_settings.settings()["contact_phone"] == "400-123-4567"
    entry = api.get("/api/admin/audit?action=修改平台设置", token=admin).data["items"][0]
    assert {"field": "试用天数", "before": "30", "after": "14"} in entry["changes"]
    assert entry["actor_name"] == "平台管理员" and entry["role_label"] == "超级管理员"


def test_a_changed_sms_price_shows_in_the_pre_send_check_and_default_caps_follow(api, monkeypatch):
    monkeypatch.setattr(config, "sms_send_window", lambda: (0, 24))
    admin = admin_token(api)
    tenant_id, token = approved_tenant(api, 4)
    ready_tenant(100, tenant_id, mobile=np.asarray([f"139{n:08d}" for n in range(100)]))
    assert api.put(SETTINGS, {"items": {"sms_price_li": 80, "sms_daily_cap": 321, "sms_monthly_cap": 50000}},
                   token=admin).status_code == 200
    campaign_id = api.post("/api/campaigns", {"name": "会员日", "rules": {"all": []}, "template_id": "tpl1"},
                           token).data["campaign_id"]
    check = api.post(f"/api/campaigns/{campaign_id}/preview", token=token).data
    fen = (check["messages"] * 80 + 5) // 10  # ¥0.080 a part, rounded half up to the fen
    assert check["price_yuan_per_part"] == "0.080"
    assert check["estimated_cost_yuan"] == f"{fen // 100}.{fen % 100:02d}"
    shown = api.get("/api/sms/settings", token=token).data
    assert (shown["daily_cap"], shown["monthly_cap"]) == (321, 500)  # the month's: its plan's (试用 500)
    assert shown["price_yuan_per_part"]["marketing"] == 0.08


def test_a_default_daily_cap_above_the_plans_monthly_one_is_held_to_it(api):
    tenant_id, token = approved_tenant(api, 5)  # 试用: 500 a month, the platform's default 20,000 a day
    shown = api.get("/api/sms/settings", token=token).data
    assert (shown["daily_cap"], shown["monthly_cap"]) == (500, 500)
    caps = api.get(f"/api/admin/tenants/{tenant_id}/sms-caps", token=admin_token(api)).data
    assert (caps["daily_cap"], caps["monthly_cap"]) == (500, 500)  # the staff card's values save as they are


def test_a_dictionary_saved_unchanged_writes_no_audit_entry(api):
    admin = admin_token(api)
    for name in ("fee_plans", "settings", "events", "industries"):
        items = api.get(f"/api/admin/dictionaries/{name}", token=admin).data["items"]
        assert api.put(f"/api/admin/dictionaries/{name}", {"items": items}, token=admin).status_code == 200, name
    assert api.get("/api/admin/audit", token=admin).data["items"] == []


def test_customers_past_the_plans_limit_are_kept_and_the_import_says_to_upgrade(api, aws):
    admin = admin_token(api)
    plans = api.get(PLANS, token=admin).data["items"]
    api.put(PLANS, {"items": [{**plan, "customer_limit": 3} if plan["code"] == "trial" else plan for plan in plans]},
            token=admin)
    _, token = approved_tenant(api, 6)
    tried = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(2)), dry_run=True)
    assert tried["notices"] == []
    job = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(6)))
    assert (job["status"], job["counts"]["new"]) == ("completed", 6)
    assert job["notices"] == ["已超出套餐“试用”的客户数上限 3 位（导入后共有 6 位）：请联系平台升级套餐"]
    again = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(6)))
    assert again["notices"] == []  # nothing new: nothing to say


def test_an_event_dictionary_change_is_audited_event_by_event_with_its_rule_in_words(api):
    admin = admin_token(api)
    items = api.get("/api/admin/dictionaries/events", token=admin).data["items"]
    member_day = next(item for item in items if item["name"] == "会员日")
    member_day.update(rule="lunar", month=12, day=30)
    kept = [item for item in items if item["name"] != "元宵"] + [{"name": "店庆", "rule": "fixed", "month": 6, "day": 18}]
    assert api.put("/api/admin/dictionaries/events", {"items": kept}, token=admin).status_code == 200
    entry = api.get("/api/admin/audit?action=修改活动字典", token=admin).data["items"][0]
    assert entry["changes"] == [{"field": "活动“会员日”", "before": "每月8日", "after": "农历12月30日"},
                                {"field": "活动“元宵”", "before": "农历1月15日", "after": ""},
                                {"field": "活动“店庆”", "before": "", "after": "6月18日"}]


def test_an_industry_dictionary_change_is_audited_as_what_was_added_and_removed(api):
    admin = admin_token(api)
    before = api.get("/api/admin/dictionaries/industries", token=admin).data["items"]
    after = [name for name in before if name != before[-1]] + ["宠物用品"]
    assert api.put("/api/admin/dictionaries/industries", {"items": after}, token=admin).status_code == 200
    entry = api.get("/api/admin/audit?action=修改行业字典", token=admin).data["items"][0]
    assert entry["changes"] == [{"field": "新增行业", "before": "", "after": "宠物用品"},
                                {"field": "删除行业", "before": before[-1], "after": ""}]
