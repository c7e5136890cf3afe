"""The one parser for dates people send (analysis windows, `make monthly --date`): format and bounds."""
from datetime import date

import pytest

from chalicelib.domain.day_input import EARLIEST, LATEST, BadDate, parse_day
from chalicelib.domain.order_rows import EARLIEST as ORDER_EARLIEST


def test_a_dashed_date_inside_the_bounds_is_taken_with_spaces_trimmed():
    assert parse_day(" 2026-03-01 ", "开始日期") == date(2026, 3, 1)
    assert parse_day("1990-01-01", "开始日期") == EARLIEST and parse_day("2099-12-31", "结束日期") == LATEST


def test_the_earliest_day_is_the_earliest_an_order_may_have():
    assert EARLIEST == ORDER_EARLIEST


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2100-01-01", "1989-12-31"])
def test_a_date_outside_the_bounds_is_refused_naming_the_range(value):
    with pytest.raises(BadDate, match="超出可选范围，请选择 1990-01-01 至 2099-12-31 之间的日期"):
        parse_day(value, "结束日期")


@pytest.mark.parametrize("value", ["99999-01-01", "+2026-01-01", "20260301", "2026-W10-1", "2026-02-30",
                                   "2026/03/01", "1" * 400, "２０２６-０３-０１"])
def test_anything_but_a_real_dashed_date_is_refused_with_an_example(value):
    with pytest.raises(BadDate, match="应为 YYYY-MM-DD 格式的有效日期（如 2026-03-01）") as refused:
        parse_day(value, "开始日期")
    assert len(refused.value.message) < 120  # a huge value is not echoed whole


@pytest.mark.parametrize("value", [None, "", "  ", 20260301, ["2026-03-01"]])
def test_a_missing_or_non_text_date_asks_for_one(value):
    with pytest.raises(BadDate, match="请填写开始日期"):
        parse_day(value, "开始日期")
