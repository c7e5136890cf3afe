"""Checks of 套餐与价格 and 平台设置: every message names the entry and the field."""
from datetime import date

import pytest

from chalicelib.domain.audit_changes import as_text, diff
from chalicelib.domain.audit_range import audit_range, china_time
from chalicelib.domain.platform_dictionaries import check_fee_plans, check_settings, removed_codes
from chalicelib.services.platform_settings import FEE_PLANS, SETTINGS


def problems(check, *args) -> dict:
    with pytest.raises(ValueError) as raised:
        check(*args)
    return {p["field"]: p["message"] for p in raised.value.args[0]}


def test_the_default_plans_and_settings_pass():
    assert check_fee_plans(FEE_PLANS) == FEE_PLANS
    assert check_settings({}, SETTINGS)["remind_days"] == [15, 5]


def test_a_wrong_plan_is_named_by_its_position_and_field():
    wrong = problems(check_fee_plans, [{**FEE_PLANS[0], "code": "Trial!"}, {**FEE_PLANS[1], "price_yuan": "12.345"},
                                       {**FEE_PLANS[2], "months": 0, "name": "标准版"}])
    assert wrong["items[0].code"].startswith("第 1 个套餐：套餐代码")
    assert wrong["items[1].price_yuan"] == "第 2 个套餐：价格最多保留两位小数"
    assert wrong["items[2].months"] == "第 3 个套餐：时长（月）应为 1-36 的整数"
    assert "与前面的套餐重复" in wrong["items[2].name"]
    assert "内置套餐 trial 不能删除" in wrong["items"]


@pytest.mark.parametrize("value", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "1e400"])
def test_a_price_or_limit_that_is_not_a_finite_number_is_refused(value):
    wrong = problems(check_fee_plans, [FEE_PLANS[0], {**FEE_PLANS[1], "price_yuan": value, "months": value}, FEE_PLANS[2]])
    assert wrong["items[1].price_yuan"] == "第 2 个套餐：价格应为 0-1000000 元"
    assert wrong["items[1].months"] == "第 2 个套餐：时长（月）应为 1-36 的整数"


def test_plans_must_be_a_list_of_at_most_twenty():
    assert "items" in problems(check_fee_plans, {"code": "trial"})
    many = FEE_PLANS + [{**FEE_PLANS[1], "code": f"p{n}x", "name": f"套餐{n}"} for n in range(18)]
    assert problems(check_fee_plans, many)["items"] == "套餐最多 20 个"


def test_removed_codes_are_those_no_longer_listed():
    assert removed_codes(FEE_PLANS, FEE_PLANS[:2]) == ["pro"]


@pytest.mark.parametrize("field,value", [
    ("contact_phone", "12345"), ("trial_days", 0), ("trial_days", 366), ("grace_days", 61), ("grace_days", 1.5),
    ("sms_price_li", 0), ("sms_daily_cap", "很多"), ("remind_days", [15, 15]), ("remind_days", []),
    ("staff_digest_mobiles", ["1380000000"]), ("staff_digest_mobiles", ["13800000000"] * 2),
    ("staff_digest_mobiles", [f"1380000000{n}" for n in range(6)]),
])
def test_a_wrong_setting_names_its_field(field, value):
    assert problems(check_settings, {field: value}, SETTINGS)[field].startswith("平台设置：")


@pytest.mark.parametrize("phone", ["400-800-1234", "4008001234", "0755-86001234", "13900000000"])
def test_a_contact_phone_may_be_a_mobile_a_400_number_or_a_landline(phone):
    assert check_settings({"contact_phone": phone}, SETTINGS)["contact_phone"] == phone


def test_the_monthly_cap_is_not_below_the_daily_cap():
    wrong = problems(check_settings, {"sms_daily_cap": 1000, "sms_monthly_cap": 999}, SETTINGS)
    assert wrong == {"sms_monthly_cap": "平台设置：默认每月短信上限不能小于每日上限"}


def test_changes_list_only_what_differs_in_readable_text():
    before = {"region": {"province": "广东省", "city": "深圳市"}, "industry": "医药", "contact_name": "李经理"}
    after = {"region": {"province": "广东省", "city": "广州市"}, "industry": "医药", "contact_name": "王经理"}
    assert diff(before, after, {"region": "所在地区", "contact_name": "联系人"}) == [
        {"field": "所在地区", "before": "广东省 深圳市", "after": "广东省 广州市"},
        {"field": "联系人", "before": "李经理", "after": "王经理"}]
    assert as_text(None) == "" and as_text([15, 5]) == "15、5" and as_text(True) == "是"


def test_the_audit_range_reads_china_days_month_by_month():
    span = audit_range("", "", date(2026, 11, 30))
    assert span.months == ("2026-11",)  # the last 30 days: November 1-30
    assert span.start == "2026-10-31T16:00:00" and span.end == "2026-11-30T16:00:00"
    assert audit_range("2025-12-31", "2026-01-01", date(2026, 11, 30)).months == ("2026-01", "2025-12")
    for start, end in (("2026-12-01", "2026-11-01"), ("2025-01-01", "2026-11-30"), ("2026-13-01", "")):
        with pytest.raises(ValueError):
            audit_range(start, end, date(2026, 11, 30))
    assert china_time("2026-11-30T16:30:00.000+00:00") == "2026-12-01 00:30:00"


def test_a_setting_the_platform_does_not_have_is_named_not_ignored():
    assert problems(check_settings, {"bogus_key": 1}, SETTINGS) == {"items.bogus_key": "平台设置：没有“bogus_key”这一项"}
