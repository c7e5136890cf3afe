"""Event date rules: festivals by the lunar calendar, fixed and monthly dates, the coming-events
window, and the admin's event dictionary validated field by field."""
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.calendar_events import (
    ALL_INDUSTRIES,
    DEFAULT_EVENTS,
    DEFAULT_INDUSTRIES,
    EventRule,
    next_date,
    parse_rules,
    rule_dict,
    upcoming,
)
from chalicelib.errors import ValidationFailed
from tests.unit.calendar_reference import reference_next_date

EVENTS = {rule.name: rule for rule in DEFAULT_EVENTS}
PUBLISHED = {  # as printed in the published Chinese calendars
    "春节": (date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26)),
    "端午": (date(2026, 6, 19), date(2027, 6, 9), date(2028, 5, 28)),
    "中秋": (date(2026, 9, 25), date(2027, 9, 15), date(2028, 10, 3)),
    "重阳": (date(2026, 10, 18), date(2027, 10, 8), date(2028, 10, 26)),
}


@pytest.mark.parametrize("name, day", [(name, day) for name, days in PUBLISHED.items() for day in days])
def test_lunar_festivals_fall_on_their_published_dates(name, day):
    assert next_date(EVENTS[name], date(day.year, 1, 1)) == day
    assert next_date(EVENTS[name], day - timedelta(days=20)) == day


def test_the_event_day_itself_counts_and_the_day_after_moves_to_next_year():
    assert next_date(EVENTS["春节"], date(2027, 2, 6)) == date(2027, 2, 6)
    assert next_date(EVENTS["春节"], date(2027, 2, 7)) == date(2028, 1, 26)
    assert next_date(EVENTS["双11"], date(2026, 11, 11)) == date(2026, 11, 11)
    assert next_date(EVENTS["双11"], date(2026, 11, 12)) == date(2027, 11, 11)


def test_the_member_day_is_this_month_until_it_passes_then_next_month():
    assert next_date(EVENTS["会员日"], date(2026, 12, 8)) == date(2026, 12, 8)
    assert next_date(EVENTS["会员日"], date(2026, 12, 9)) == date(2027, 1, 8)


def test_a_day_a_month_lacks_falls_on_its_last_day():
    assert next_date(EventRule("月末", "monthly", None, 31), date(2026, 2, 1)) == date(2026, 2, 28)
    assert next_date(EventRule("闰日", "fixed", 2, 29), date(2027, 1, 1)) == date(2027, 2, 28)
    assert next_date(EventRule("闰日", "fixed", 2, 29), date(2028, 1, 1)) == date(2028, 2, 29)
    # 除夕 2026: the twelfth lunar month of 2025 has 29 days, so its "30th" is 16 February
    assert next_date(EventRule("除夕", "lunar", 12, 30), date(2026, 1, 1)) == date(2026, 2, 16)


def test_events_without_a_date_have_no_next_date():
    assert next_date(EVENTS["慢病复购提醒"], date(2026, 5, 1)) is None


def test_upcoming_lists_the_events_within_30_days_soonest_first():
    names = [(rule.name, day) for rule, day in upcoming(DEFAULT_EVENTS, date(2026, 9, 20))]
    assert names == [("中秋", date(2026, 9, 25)), ("国庆", date(2026, 10, 1)), ("会员日", date(2026, 10, 8)),
                     ("重阳", date(2026, 10, 18))]


def test_the_window_includes_today_and_its_last_day_but_not_the_day_after():
    national_day = [EVENTS["国庆"]]
    assert upcoming(national_day, date(2026, 10, 1))[0][1] == date(2026, 10, 1)
    assert upcoming(national_day, date(2026, 9, 1)) == [(EVENTS["国庆"], date(2026, 10, 1))]
    assert upcoming(national_day, date(2026, 8, 31)) == []
    assert upcoming(national_day, date(2026, 9, 24), within_days=7) == [(EVENTS["国庆"], date(2026, 10, 1))]


rules = st.one_of(
    st.builds(EventRule, st.just("x"), st.just("fixed"), st.integers(1, 12), st.integers(1, 31)).filter(
        lambda r: r.day <= (29 if r.month == 2 else 30 if r.month in (4, 6, 9, 11) else 31)),
    st.builds(EventRule, st.just("x"), st.just("lunar"), st.integers(1, 12), st.integers(1, 30)),
    st.builds(EventRule, st.just("x"), st.just("monthly"), st.none(), st.integers(1, 31)),
)


@settings(max_examples=60, deadline=None)
@given(rules, st.dates(date(1990, 1, 1), date(2095, 12, 31)))
def test_next_date_is_the_first_matching_day_found_by_walking_the_calendar(rule, today):
    assert next_date(rule, today) == reference_next_date(rule, today)


def test_the_default_dictionaries_cover_the_pharmacy_events_and_industries():
    assert {"会员日", "慢病复购提醒", "换季健康", "生日关怀", "春节", "重阳", "双11", "双12"} <= set(EVENTS)
    assert DEFAULT_INDUSTRIES[0] == "医药" and ALL_INDUSTRIES not in DEFAULT_INDUSTRIES
    assert parse_rules([rule_dict(rule) for rule in DEFAULT_EVENTS]) == list(DEFAULT_EVENTS)


def test_a_valid_dictionary_round_trips_through_the_api_shape():
    items = [{"name": " 店庆 ", "rule": "fixed", "month": 2, "day": 29}, {"name": "腊八", "rule": "lunar", "month": 12,
             "day": 8}, {"name": "月末清仓", "rule": "monthly", "month": None, "day": 31}, {"name": "到店礼", "rule": "none"}]
    parsed = parse_rules(items)
    assert parsed[0] == EventRule("店庆", "fixed", 2, 29)
    assert rule_dict(parsed[3]) == {"name": "到店礼", "rule": "none", "month": None, "day": None}


def problems(items) -> dict:
    with pytest.raises(ValidationFailed) as raised:
        parse_rules(items)
    return {detail["field"]: detail["message"] for detail in raised.value.details}


@pytest.mark.parametrize("item, field, words", [
    ({"name": "", "rule": "none"}, "name", "请填写活动名称"),
    ({"name": "一" * 21, "rule": "none"}, "name", "最多 20 个字"),
    ({"name": "x", "rule": "weekly", "day": 1}, "rule", "日期规则只能是"),
    ({"name": "x", "rule": "fixed", "month": 13, "day": 1}, "month", "1–12"),
    ({"name": "x", "rule": "fixed", "month": 4, "day": 31}, "day", "4 月没有 31 日"),
    ({"name": "x", "rule": "fixed", "month": 4, "day": "1"}, "day", "1–31"),
    ({"name": "x", "rule": "fixed", "month": True, "day": 1}, "month", "1–12"),
    ({"name": "x", "rule": "lunar", "month": 8, "day": 31}, "day", "1–30"),
    ({"name": "x", "rule": "monthly", "month": 3, "day": 8}, "month", "不填写月份"),
    ({"name": "x", "rule": "monthly", "day": 0}, "day", "1–31"),
    ({"name": "x", "rule": "none", "day": 8}, "day", "不填写日期"),
])
def test_each_bad_field_is_named_with_a_chinese_message(item, field, words):
    found = problems([{"name": "春节", "rule": "lunar", "month": 1, "day": 1}, item])
    assert list(found) == [f"items[1].{field}"]
    assert words in found[f"items[1].{field}"]


def test_a_repeated_name_is_refused_on_the_repeat():
    assert "重复" in problems([{"name": "春节", "rule": "none"}, {"name": "春节", "rule": "none"}])["items[1].name"]


def test_every_problem_in_the_list_is_reported_at_once():
    assert set(problems([{"name": "", "rule": "fixed", "month": 0, "day": 1}, "春节"])) == {
        "items[0].name", "items[0].month", "items[1]"}


@pytest.mark.parametrize("items", [[], [{"name": f"活动{i}", "rule": "none"} for i in range(51)], {"items": []}])
def test_the_list_holds_one_to_50_events(items):
    assert list(problems(items)) == ["items"]
