"""The segment rule JSON: what is accepted, and the path and Chinese reason of what is not."""
import pytest

from chalicelib.domain.segments import named_analyses, needed_columns, needs_measures, parse_rules
from chalicelib.domain.segments.fields import Move
from chalicelib.errors import ValidationFailed


def problems(document) -> dict:
    with pytest.raises(ValidationFailed) as caught:
        parse_rules(document)
    return {p["path"]: p["message"] for p in caught.value.details}


def cond(field, op, value=None):
    return {"field": field, "op": op, "value": value}


def test_values_are_parsed_into_what_the_columns_hold():
    rules = parse_rules({"all": [cond("monetary", "gte", 12.34), cond("last_order_date", "between",
                                                                       ["2024-01-01", "2024-01-31"]),
                                 cond("rfm_class", "in", ["重要价值客户", "未分析"]), cond("has_mobile", "is_true")]})
    values = [c.value for c in rules.items]
    assert values == [1234, (19723, 19753), (0, 9), None]


def test_a_moved_condition_keeps_its_analyses_and_class_positions():
    rules = parse_rules({"any": [cond("moved", "eq", {"from_analysis": "A1", "to_analysis": "A2",
                                                        "from_class": "重要价值客户", "to_class": ""})]})
    assert rules.items[0].value == Move("A1", "A2", 0, None, "")
    assert named_analyses(rules) == {"A1", "A2"}


def test_every_problem_is_reported_with_its_path():
    found = problems({"all": [cond("gender", "eq", "男"),
                              {"any": [cond("r_score", "eq", 6), cond("colour", "eq", "red")]},
                              cond("tags", "eq", ["VIP"]), cond("total_spent", "gte", 1.234)]})
    assert set(found) == {"all[1].any[0].value", "all[1].any[1].field", "all[2].op", "all[3].value"}
    assert "1 到 5" in found["all[1].any[0].value"]
    assert "两位小数" in found["all[3].value"]


@pytest.mark.parametrize("condition, reason", [
    (cond("last_order_date", "gte", "2024/01/01"), "YYYY-MM-DD"),
    (cond("age", "between", [40, 30]), "起始值不能大于结束值"),
    (cond("age", "between", [30]), "起止两个值"),
    (cond("store", "in", []), "至少选择一项"),
    (cond("tags", "contains_any", ["a,b"]), "逗号"),
    (cond("tags", "contains_any", ["x" * 21]), "1 到 20"),
    (cond("rfm_class", "eq", "土豪"), "客户分类只能是"),
    (cond("gender", "eq", "未知"), "性别只能是"),
    (cond("birthday_month", "eq", 13), "1 到 12"),
    (cond("birthday_within_days", "eq", 7), "只能用"),
    (cond("frequency", "gte", True), "整数"),
    (cond("moved", "eq", {"from_analysis": "A1", "to_analysis": "A1"}), "不同"),
    (cond("moved", "eq", {"from_analysis": "A1", "to_analysis": "A2", "to_class": "VIP"}), "迁移的分类"),
])
def test_wrong_values_say_what_to_fix(condition, reason):
    message = problems({"all": [condition]})
    assert reason in next(iter(message.values()))


def test_groups_must_be_all_or_any_lists():
    assert "" in problems({"every": []})
    assert "all" in problems({"all": "x"})
    assert "all[0]" in problems({"all": [{"none": []}]})


def test_groups_nest_at_most_four_deep():
    parse_rules({"all": [{"any": [{"all": [{"any": []}]}]}]})
    assert "all[0].any[0].all[0].any[0]" in problems({"all": [{"any": [{"all": [{"any": [{"all": []}]}]}]}]})


def test_at_most_fifty_conditions():
    parse_rules({"all": [cond("has_mobile", "is_true")] * 50})
    assert "最多 50 个条件" in problems({"all": [cond("has_mobile", "is_true")] * 51})[""]


def test_needed_columns_name_only_what_the_rules_read():
    rules = parse_rules({"all": [cond("age", "gte", 30), cond("total_spent", "gte", 100), cond("r_score", "eq", 5),
                                 {"any": [cond("tags", "contains_any", ["VIP"])]}]})
    assert needed_columns(rules) == {"birthday", "total_fen", "tags"}
    assert needs_measures(rules)


def test_an_automatic_tag_brings_the_columns_its_condition_reads():
    rules = parse_rules({"all": [cond("tags", "contains_none", ["新客"])]})
    assert needed_columns(rules) == {"tags", "birthday", "first_order_day", "rfm_class"}
    assert not needs_measures(rules)
