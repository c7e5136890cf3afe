"""短信设置: signature, frequency cap and 生日关怀 by the 企业管理员; spend caps by the platform; usage shown."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.adapters import audit_log, sms_settings_store, sms_usage, template_store
from chalicelib.domain.sms.requests import SettingsRequest
from chalicelib.errors import Conflict
from chalicelib.services.sms import settings as sms_settings
from tests.integration.helpers import admin_token, approved_tenant
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (fixture)
from tests.integration.sms_helpers import manager, reader, shop, with_signature  # noqa: F401 (fixtures)

CHINA = timezone(timedelta(hours=8))


def test_a_tenant_that_never_saved_its_settings_sees_the_defaults_and_its_plans_caps(api, shop):
    answer = api.get("/api/sms/settings", token=shop[1])
    assert answer.status_code == 200, answer.data
    assert answer.data == {  # a new tenant is on 试用: 500 SMS a month (套餐与价格), also its most in a day
        "signature": "", "frequency_days": 7, "frequency_count": 1, "daily_per_number": 1, "birthday_enabled": False,
        "birthday_template_id": None, "daily_cap": 500, "monthly_cap": 500,
        "used_today": 0, "used_this_month": 0, "price_yuan_per_part": {"marketing": 0.055, "notice": 0.045},
        "provider": "sns"}


def test_the_enterprise_admin_saves_a_signature_without_its_brackets_and_the_change_is_audited(api, shop):
    answer = api.put("/api/sms/settings", {"signature": "【康宁大药房】", "frequency_days": 14, "frequency_count": 2},
                     token=shop[1])
    assert answer.status_code == 200, answer.data
    assert (answer.data["signature"], answer.data["frequency_days"], answer.data["frequency_count"]) == ("康宁大药房", 14, 2)
    assert api.get("/api/sms/settings", token=shop[1]).data["daily_per_number"] == 1  # fields not sent keep their value
    entry = audit_log.entries(f"tenant#{shop[0]}")[0]
    assert (entry["action"], entry["detail"]) == ("修改短信设置", "短信签名、频次周期（天）、周期内最多条数")
    assert entry["changes"] == [{"field": "短信签名", "before": "", "after": "康宁大药房"},
                                {"field": "频次周期（天）", "before": "7", "after": "14"},
                                {"field": "周期内最多条数", "before": "1", "after": "2"}]


@pytest.mark.parametrize("change, field", [
    ({"signature": "康"}, "signature"), ({"signature": "康宁大药房!"}, "signature"),
    ({"signature": "康宁【大】药房"}, "signature"), ({"signature": "一二三四五六七八九十一二三"}, "signature"),
    ({"frequency_days": 0}, "frequency_days"), ({"frequency_days": 91}, "frequency_days"),
    ({"frequency_count": 11}, "frequency_count"), ({"daily_per_number": "many"}, "daily_per_number"),
])
def test_a_setting_out_of_its_range_is_refused_naming_the_field(api, shop, change, field):
    answer = api.put("/api/sms/settings", change, token=shop[1])
    assert answer.status_code == 400, answer.data
    assert [d["field"] for d in answer.data["details"]] == [field]
    assert api.get("/api/sms/settings", token=shop[1]).data["signature"] == ""


def test_only_the_enterprise_admin_changes_settings_though_every_login_reads_them(api, shop, manager, reader):
    for token in (manager, reader):
        assert api.put("/api/sms/settings", {"signature": "别家药房"}, token=token).status_code == 403
        assert api.get("/api/sms/settings", token=token).status_code == 200
    assert api.get("/api/sms/settings", token=shop[1]).data["signature"] == ""


def _template(tenant_id: str, template_id: str, kind: str, status: str) -> None:
    template_store.create(tenant_id, {"template_id": template_id, "name": f"模板{template_id}", "kind": kind,
                                      "text": "{name}您好，会员日全场九折", "status": status, "provider": "sns",
                                      "provider_code": "LOCAL_x", "chars": 30, "parts": 1, "warnings": [],
                                      "created_by": "pharmacy1", "created_at": "2026-11-30T00:00:00+00:00"})


def test_birthday_care_switches_on_only_with_an_approved_marketing_template(api, shop):
    tenant_id, token = shop
    _template(tenant_id, "t-pending", "marketing", "pending")
    _template(tenant_id, "t-notice", "notice", "approved")
    _template(tenant_id, "t-ok", "marketing", "approved")
    refused = [api.put("/api/sms/settings", {"birthday_enabled": True, **extra}, token=token)
               for extra in ({}, {"birthday_template_id": "t-pending"}, {"birthday_template_id": "t-notice"},
                             {"birthday_template_id": "t-gone"})]
    assert [(r.status_code, r.data["details"][0]["field"]) for r in refused] == [(400, "birthday_template_id")] * 4
    assert "尚未通过审核" in refused[1].data["message"] and "营销类模板" in refused[2].data["message"]
    on = api.put("/api/sms/settings", {"birthday_enabled": True, "birthday_template_id": "t-ok"}, token=token)
    assert (on.status_code, on.data["birthday_enabled"], on.data["birthday_template_id"]) == (200, True, "t-ok")
    assert [settings["tenant_id"] for settings in sms_settings_store.birthday_tenants()] == [tenant_id]
    off = api.put("/api/sms/settings", {"birthday_enabled": False, "birthday_template_id": None}, token=token)
    assert (off.status_code, off.data["birthday_enabled"], off.data["birthday_template_id"]) == (200, False, None)


def test_a_pending_template_may_be_chosen_for_birthday_care_before_switching_it_on(api, shop):
    _template(shop[0], "t-pending", "marketing", "pending")
    answer = api.put("/api/sms/settings", {"birthday_template_id": "t-pending"}, token=shop[1])
    assert (answer.status_code, answer.data["birthday_template_id"]) == (200, "t-pending")


@pytest.mark.parametrize("body, field, message", [
    ({"signature": None}, "signature", "短信签名不能为空"), ({"frequency_days": None}, "frequency_days", "不能为空"),
    ({"birthday_enabled": "yes"}, "birthday_enabled", ""), ({"birthday_enabled": 1}, "birthday_enabled", "")])
def test_a_null_or_a_loose_value_is_refused_and_changes_nothing(api, shop, body, field, message):
    api.put("/api/sms/settings", {"signature": "康宁大药房"}, token=shop[1])
    answer = api.put("/api/sms/settings", body, token=shop[1])
    assert answer.status_code == 400 and answer.data["details"][0]["field"] == field, answer.data
    assert message in answer.data["details"][0]["message"]
    assert api.get("/api/sms/settings", token=shop[1]).data["signature"] == "康宁大药房"


def test_a_template_text_that_is_not_text_is_refused_as_such(api, shop):
    api.put("/api/sms/settings", {"signature": "康宁大药房"}, token=shop[1])
    answer = api.post("/api/sms/templates", {"name": "数字", "kind": "marketing", "text": 123}, token=shop[1])
    assert answer.status_code == 400 and answer.data["details"][0]["message"] == "短信内容应为文字"


def test_the_platform_admin_sets_a_tenants_caps_and_the_tenant_sees_them(api, shop):
    staff = admin_token(api)
    answer = api.put(f"/api/admin/tenants/{shop[0]}/sms-caps", {"daily_cap": 500, "monthly_cap": 8000}, token=staff)
    assert answer.status_code == 200, answer.data
    assert answer.data == {"daily_cap": 500, "monthly_cap": 8000, "used_today": 0, "used_this_month": 0}
    seen = api.get("/api/sms/settings", token=shop[1]).data
    assert (seen["daily_cap"], seen["monthly_cap"]) == (500, 8000)
    entry = audit_log.entries(f"tenant#{shop[0]}")[0]
    assert (entry["actor"], entry["action"], entry["detail"]) == ("admin", "设置短信发送上限", "每日 500 条，每月 8000 条")
    assert api.get(f"/api/admin/tenants/{shop[0]}/sms-caps", token=staff).data == {
        "daily_cap": 500, "monthly_cap": 8000, "used_today": 0, "used_this_month": 0}
    assert api.get(f"/api/admin/tenants/{shop[0]}/sms-caps", token=shop[1]).status_code == 403


def test_caps_are_refused_to_the_tenant_and_checked_for_the_platform(api, shop):
    assert api.put(f"/api/admin/tenants/{shop[0]}/sms-caps", {"daily_cap": 10 ** 6, "monthly_cap": 10 ** 6},
                   token=shop[1]).status_code == 403
    staff = admin_token(api)
    backwards = api.put(f"/api/admin/tenants/{shop[0]}/sms-caps", {"daily_cap": 500, "monthly_cap": 100}, token=staff)
    assert (backwards.status_code, backwards.data["details"][0]["field"]) == (400, "monthly_cap")
    missing = api.put("/api/admin/tenants/nobody/sms-caps", {"daily_cap": 1, "monthly_cap": 1}, token=staff)
    assert missing.status_code == 404
    assert api.get("/api/sms/settings", token=shop[1]).data["daily_cap"] == 500  # unchanged: 试用's 500


def test_usage_today_and_this_month_come_from_the_spend_guard_counters(api, shop):
    today = datetime.now(CHINA)
    assert sms_usage.reserve(shop[0], 3, f"{today:%Y-%m-%d}", 100, 1000, int(today.timestamp()))
    answer = api.get("/api/sms/settings", token=shop[1]).data
    assert (answer["used_today"], answer["used_this_month"]) == (3, 3)


def test_one_tenants_settings_never_show_in_another(api, shop):
    with_signature(api, shop[1])
    _, other = approved_tenant(api, 2)
    assert api.get("/api/sms/settings", token=other).data["signature"] == ""


def test_the_monthly_cap_follows_the_tenants_fee_plan_until_the_platform_sets_one(api, shop):
    assert api.get("/api/sms/settings", token=shop[1]).data["monthly_cap"] == 500  # 试用
    assert api.put(f"/api/admin/tenants/{shop[0]}/fee-plan", {"fee_plan": "pro"}, token=admin_token(api)).status_code == 200
    assert api.get("/api/sms/settings", token=shop[1]).data["monthly_cap"] == 100000  # 专业版
    api.put(f"/api/admin/tenants/{shop[0]}/sms-caps", {"daily_cap": 500, "monthly_cap": 8000}, token=admin_token(api))
    assert api.get("/api/sms/settings", token=shop[1]).data["monthly_cap"] == 8000


def test_a_signature_is_one_tenants_only_even_when_two_ask_at_once(api, atomic_dynamodb):  # noqa: F811
    first, second = approved_tenant(api, 31)[0], approved_tenant(api, 32)[0]
    tenants = [first, second] * 3
    results = all_at_once(*[lambda tenant=tenant: sms_settings.update(tenant, "boss", SettingsRequest(
        signature="仁和大药房")) for tenant in tenants])
    winners = {tenant for tenant, r in zip(tenants, results) if isinstance(r, dict)}
    assert len(winners) == 1
    assert all(isinstance(r, Conflict) and r.code == "SIGNATURE_TAKEN" for r in results if not isinstance(r, dict))
    loser = ({first, second} - winners).pop()
    sms_settings.update(winners.pop(), "boss", SettingsRequest(signature="仁和药房南山店"))  # the old one is freed
    assert sms_settings.update(loser, "boss", SettingsRequest(signature="仁和大药房"))["signature"] == "仁和大药房"


def test_a_signature_set_before_there_were_guards_is_still_its_tenants(api):
    first, second = approved_tenant(api, 33)[0], approved_tenant(api, 34)[0]
    sms_settings_store.update(first, {"signature": "同仁大药房"}, "migration")  # written without a claim
    with pytest.raises(Conflict):
        sms_settings.update(second, "boss", SettingsRequest(signature="同仁大药房"))
