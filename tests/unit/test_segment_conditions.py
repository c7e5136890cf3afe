"""Every segment condition, AND/OR and empty groups, automatic tags and birthdays, against the columns."""
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from chalicelib.domain.segments import evaluate, parse_rules
from chalicelib.domain.segments.auto_tags import tag_lists
from chalicelib.errors import SegmentStale
from tests.unit.segment_fixtures import TODAY, columns, context, customer
from tests.unit.segment_reference import selects

M = {"recency_days": 10, "frequency": 3, "monetary_fen": 12345.4, "r_score": 5, "f_score": 3, "m_score": 2}
PEOPLE = [
    customer("A", rfm_class="重要价值客户", birthday=date(1990, 6, 20), first_order=date(2024, 6, 1),
             last_order=date(2024, 6, 10), order_count=3, total_fen=50_000, store="南山店", gender="女",
             region="广东省/深圳市", mobile="13800000001", sms_consent=True, tags=["VIP", "慢病"], measures=M,
             classes={"A1": "重要挽留客户", "A2": "重要价值客户"}),
    customer("B", rfm_class="一般挽留客户", birthday=date(2000, 2, 29), first_order=date(2023, 1, 5),
             last_order=date(2023, 3, 1), order_count=1, total_fen=990, store="福田店", gender="男",
             region="广东省/广州市", tags=["慢病"], measures={**M, "r_score": 1, "monetary_fen": 990.0},
             classes={"A1": "重要价值客户"}),
    customer("C", rfm_class="无购买", birthday=date(1960, 12, 31), store="", classes={"A2": "一般发展客户"}),
    customer("D"),
]


def chosen(rules: dict, people=PEOPLE, today=TODAY) -> list[str]:
    mask = evaluate(parse_rules(rules), columns(people), context(people, today))
    expected = [p["customer_code"] for p in people if selects(rules, p, today)]
    assert [p["customer_code"] for p, hit in zip(people, mask) if hit] == expected  # the reference agrees
    return expected


def one(field, op, value=None) -> dict:
    return {"all": [{"field": field, "op": op, "value": value}]}


@pytest.mark.parametrize("field, op, value, expected", [
    ("rfm_class", "eq", "重要价值客户", ["A"]),
    ("rfm_class", "not_in", ["重要价值客户", "未分析"], ["B", "C"]),
    ("r_score", "eq", 5, ["A"]),
    ("r_score", "lte", 5, ["A", "B"]),  # C and D are not in the analysis: no R score at all
    ("f_score", "in", [1, 3], ["A", "B"]),
    ("m_score", "ne", 2, []),
    ("recency_days", "between", [5, 10], ["A", "B"]),
    ("frequency", "gte", 4, []),
    ("monetary", "eq", 123.45, ["A"]),  # 12345.4 fen is shown as 123.45 yuan
    ("monetary", "lte", 9.9, ["B"]),
    ("first_order_date", "gte", "2024-05-17", ["A"]),
    ("last_order_date", "lte", "2023-12-31", ["B"]),
    ("last_order_date", "ne", "2024-06-10", ["B"]),  # no order: no date to differ from
    ("order_count", "eq", 0, ["C", "D"]),
    ("total_spent", "between", [9.9, 500], ["A", "B"]),
    ("store", "in", ["南山店", "罗湖店"], ["A"]),
    ("store", "ne", "南山店", ["B"]),  # no store: not "another store"
    ("tags", "contains_any", ["VIP", "孕妇"], ["A"]),
    ("tags", "contains_all", ["VIP", "慢病"], ["A"]),
    ("tags", "contains_none", ["VIP"], ["B", "C", "D"]),
    ("birthday_month", "in", [2, 12], ["B", "C"]),
    ("birthday_within_days", "lte", 5, ["A"]),
    ("region", "eq", "广东省", ["A", "B"]),
    ("region", "contains_any", ["深圳"], ["A"]),
    ("region", "not_in", ["广东省/广州市"], ["A"]),
    ("gender", "eq", "男", ["B"]),
    ("gender", "ne", "男", ["A"]),
    ("age", "between", [24, 34], ["A", "B"]),
    ("age", "gte", 63, ["C"]),
    ("has_mobile", "is_true", None, ["A"]),
    ("has_mobile", "is_false", None, ["B", "C", "D"]),
    ("sms_consent", "is_false", None, ["B", "C", "D"]),
])
def test_each_condition_selects_whom_it_says(field, op, value, expected):
    assert chosen(one(field, op, value)) == expected


@pytest.mark.parametrize("move, expected", [
    ({"from_class": "重要挽留客户", "to_class": "重要价值客户"}, ["A"]),
    ({"from_class": "重要价值客户"}, ["B"]),
    ({"to_class": "无购买"}, ["B"]),  # absent from the later analysis: 无购买 there
    ({"from_class": "无购买"}, ["C"]),
    ({}, ["A", "B", "C"]),  # D is in neither analysis: not a move
    ({"direction": "up"}, ["A", "C"]),
    ({"direction": "down"}, ["B"]),
])
def test_moved_compares_the_classes_of_two_analyses(move, expected):
    assert chosen(one("moved", "eq", {"from_analysis": "A1", "to_analysis": "A2", **move})) == expected


def test_a_moved_condition_on_a_deleted_analysis_says_so():
    rules = parse_rules(one("moved", "eq", {"from_analysis": "A1", "to_analysis": "GONE"}))
    with pytest.raises(SegmentStale) as caught:
        evaluate(rules, columns(PEOPLE), context(PEOPLE))
    assert "分类迁移" in caught.value.message and caught.value.details[0]["path"] == "all[0].value"


def test_and_or_and_nested_groups():
    assert chosen({"all": [{"field": "tags", "op": "contains_any", "value": ["慢病"]},
                           {"any": [{"field": "gender", "op": "eq", "value": "女"},
                                    {"field": "store", "op": "eq", "value": "福田店"}]}]}) == ["A", "B"]
    assert chosen({"any": [{"field": "gender", "op": "eq", "value": "女"},
                           {"all": [{"field": "age", "op": "gte", "value": 60}, {"field": "has_mobile", "op": "is_false"}]}
                           ]}) == ["A", "C"]


def test_an_empty_all_is_everyone_and_an_empty_any_no_one():
    assert chosen({"all": []}) == ["A", "B", "C", "D"]
    assert chosen({"any": []}) == []
    assert chosen({"all": [{"any": []}]}) == []
    assert chosen({"any": [{"all": []}]}) == ["A", "B", "C", "D"]


def test_r_f_m_conditions_match_no_one_before_any_analysis():
    before_any = replace(context(PEOPLE), measures=None)
    assert not evaluate(parse_rules(one("r_score", "gte", 1)), columns(PEOPLE), before_any).any()


def test_automatic_tags_are_conditions():
    assert chosen(one("tags", "contains_any", ["新客"])) == ["A"]  # first order 2024-06-01, 15 days ago
    assert chosen(one("tags", "contains_any", ["本月生日"])) == ["A"]
    assert chosen(one("tags", "contains_all", ["一般挽留客户", "慢病"])) == ["B"]
    assert chosen(one("tags", "contains_none", ["新客", "重要价值客户"])) == ["B", "C", "D"]


def test_new_customer_means_a_first_order_within_the_last_30_days():
    on = [customer("X", first_order=date(2024, 5, 17)), customer("Y", first_order=date(2024, 5, 16))]
    assert chosen(one("tags", "contains_any", ["新客"]), on) == ["X"]


def test_automatic_tags_of_each_row():
    assert tag_lists(columns(PEOPLE), context(PEOPLE).today) == [["本月生日", "新客", "重要价值客户"],
                                                                 ["一般挽留客户"], [], []]


@pytest.mark.parametrize("today, days, expected", [
    (date(2024, 12, 30), 1, ["C"]),  # 31 Dec, tomorrow
    (date(2025, 1, 1), 2, []),  # C's birthday passed yesterday: a year away
    (date(2024, 12, 25), 64, ["C"]),  # across the year end: 29 Feb 2025 -> 28 Feb is 65 days away
    (date(2024, 12, 25), 65, ["B", "C"]),
    (date(2025, 2, 27), 1, ["B"]),  # 29 Feb counts on 28 Feb in a common year
    (date(2025, 3, 1), 363, ["A", "C"]),  # ... and next comes on 28 Feb 2026, 364 days away
    (date(2025, 3, 1), 364, ["A", "B", "C"]),
    (date(2024, 2, 28), 0, []),  # in a leap year it is 29 Feb itself
    (date(2024, 2, 29), 0, ["B"]),
    (date(2024, 5, 31), 20, ["A"]),  # across a month end to 20 June
])
def test_birthday_within_days_across_month_and_year_ends_and_29_february(today, days, expected):
    assert chosen(one("birthday_within_days", "lte", days), today=today) == expected


@pytest.mark.parametrize("today, age", [(date(2025, 2, 27), 24), (date(2025, 2, 28), 25), (date(2028, 2, 28), 27),
                                        (date(2028, 2, 29), 28)])
def test_age_turns_on_the_birthday_and_on_28_february_for_29_february(today, age):
    assert chosen(one("age", "eq", age), [PEOPLE[1]], today) == ["B"]


def test_the_birthday_month_tag_follows_today():
    assert chosen(one("tags", "contains_any", ["本月生日"]), today=date(2024, 12, 1)) == ["C"]
    assert np.array_equal(evaluate(parse_rules({"all": []}), columns([]), context([])), np.zeros(0, dtype=bool))
