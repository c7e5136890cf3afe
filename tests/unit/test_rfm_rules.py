"""Scores, thresholds, explanations, comparisons and parameters: the documented rules one by one."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from chalicelib.domain.rfm.classify import Thresholds, class_index
from chalicelib.domain.rfm.compare import NONE, direction, matrix, transitions
from chalicelib.domain.rfm.explain import Customer, explain
from chalicelib.domain.rfm.measures import measure
from chalicelib.domain.rfm.params import BadParams, monthly_params, parse_params
from chalicelib.domain.rfm.scores import quintile_scores
from chalicelib.domain.rfm_classes import CLASS_NAMES


def test_without_ties_each_score_holds_one_fifth():
    scores = quintile_scores(np.arange(100))
    assert np.bincount(scores)[1:].tolist() == [20, 20, 20, 20, 20]
    assert scores[0] == 1 and scores[-1] == 5


def test_heavy_ties_take_one_score_and_the_values_above_still_climb():
    values = [1] * 70 + [2] * 15 + [3] * 7 + [4] * 3 + [5, 6, 7, 8, 9]
    scores = quintile_scores(values)
    assert {v: int(s) for v, s in zip(values, scores)} == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 5, 7: 5, 8: 5, 9: 5}


def test_equal_values_always_share_a_score():
    values = np.repeat([5, 10, 15], [3, 5, 2])
    scores = quintile_scores(values)
    for value in (5, 10, 15):
        assert len(set(scores[values == value])) == 1


def test_recency_scores_favour_fewer_days():
    scores = quintile_scores([0, 10, 20, 30, 40], higher_is_better=False)
    assert scores.tolist() == [5, 4, 3, 2, 1]


def test_fewer_distinct_values_than_scores_use_the_lowest_scores():
    assert quintile_scores([1, 1, 1, 2]).tolist() == [1, 1, 1, 2]
    assert quintile_scores([]).tolist() == []


def test_quintile_threshold_is_none_when_nobody_reaches_score_three_and_then_nobody_is_high():
    limits = Thresholds(recency_days=None, frequency=None, monetary=None)
    assert class_index([0], [10], [10 ** 6], limits).tolist() == [7]


def test_the_class_index_follows_the_spec_table_order():
    limits = Thresholds(recency_days=30, frequency=3, monetary=10000)
    cases = {(10, 5, 20000): 0, (10, 1, 20000): 1, (60, 5, 20000): 2, (60, 1, 20000): 3,
             (10, 5, 100): 4, (10, 1, 100): 5, (60, 5, 100): 6, (60, 1, 100): 7}
    for (r, f, m), index in cases.items():
        assert class_index([r], [f], [m], limits)[0] == index, CLASS_NAMES[index]


def test_explanation_says_how_many_more_purchases_make_a_customer_frequent():
    limits = Thresholds(recency_days=30, frequency=3, monetary=10000)
    customer = Customer(recency_days=5, frequency=1, monetary=20000, net_fen=20000)
    explained = explain(customer, limits)
    assert explained["rfm_class"] == "重要发展客户"
    assert [check["high"] for check in explained["checks"]] == [True, False, True]
    assert "再消费 2 次即升为重要价值客户" in explained["steps"]


def test_explanation_of_a_lapsed_customer_offers_one_purchase():
    limits = Thresholds(recency_days=30, frequency=2, monetary=10000)
    customer = Customer(recency_days=90, frequency=3, monetary=20000, net_fen=60000)
    explained = explain(customer, limits)
    assert explained["rfm_class"] == "重要保持客户"
    assert explained["steps"][0] == "再消费 1 次即升为重要价值客户"


def test_explanation_names_the_next_order_amount_that_makes_m_high():
    limits = Thresholds(recency_days=30, frequency=2, monetary=10000)
    customer = Customer(recency_days=5, frequency=2, monetary=5000, net_fen=10000)
    explained = explain(customer, limits)
    assert explained["rfm_class"] == "一般价值客户"
    # (10000 + x) / 3 >= 10000 -> x >= 20000 fen
    assert "下次消费满 ¥200.00 即升为重要价值客户" in explained["steps"]


def test_a_top_customer_gets_no_step_but_a_warning_before_it_lapses():
    limits = Thresholds(recency_days=30, frequency=2, monetary=10000)
    explained = explain(Customer(recency_days=10, frequency=5, monetary=20000, net_fen=100000), limits)
    assert explained["steps"] == []
    assert explained["warning"] == "若 21 天内不再消费，将降为重要保持客户"


def test_transitions_count_moves_and_treat_no_purchase_as_the_lowest_place():
    before = pd.DataFrame({"customer_code": ["A", "B", "C"], "rfm_class": [7, 0, 3]})
    after = pd.DataFrame({"customer_code": ["A", "B", "D"], "rfm_class": [0, 1, 5]})
    moves = transitions(before, after)
    by_code = dict(zip(moves["customer_code"], zip(moves["from_position"], moves["to_position"], direction(moves))))
    assert by_code == {"A": (7, 0, -1), "B": (0, 1, 1), "C": (3, NONE, 1), "D": (NONE, 5, -1)}
    grid = matrix(moves)
    assert len(grid) == 9 and grid[7][0] == 1 and grid[3][NONE] == 1 and grid[NONE][5] == 1
    assert sum(map(sum, grid)) == 4


def test_measure_leaves_out_excluded_customers():
    orders = pd.DataFrame({"customer_code": ["A", "P"], "ordered_at": [1767240000, 1767240000],
                           "amount_fen": [100, 100]})
    got = measure(orders, parse_params("2026-01-01", "2026-01-31"), exclude=["P"])
    assert got["customer_code"].tolist() == ["A"]


@pytest.mark.parametrize("start, end, m_mode, threshold, message", [
    ("2026-03-01", "2026-02-01", "avg", "mean", "早于开始日期"),
    ("2010-01-01", "2026-01-01", "avg", "mean", "最长 10 年"),
    ("2026-01-01", "2026-02-01", "median", "mean", "M 口径"),
    ("2026-01-01", "2026-02-01", "avg", "max", "阈值方法"),
    ("2026/01/01", "2026-02-01", "avg", "mean", "YYYY-MM-DD"),
    ("", "2026-02-01", "avg", "mean", "请填写开始日期"),
])
def test_bad_parameters_say_what_to_fix(start, end, m_mode, threshold, message):
    with pytest.raises(BadParams, match=message):
        parse_params(start, end, m_mode, threshold)


def test_a_window_of_one_day_and_of_just_under_ten_years_are_allowed():
    assert parse_params("2026-01-01", "2026-01-01").start == date(2026, 1, 1)
    assert parse_params("2016-01-02", "2026-01-01").end == date(2026, 1, 1)


def test_the_monthly_window_is_the_twelve_months_up_to_the_end_of_last_month():
    params = monthly_params(date(2026, 11, 1))
    assert (params.start, params.end) == (date(2025, 11, 1), date(2026, 10, 31))
    assert monthly_params(date(2026, 1, 15)).end == date(2025, 12, 31)


def test_orders_as_columns_with_byte_codes_measure_like_a_frame():
    from chalicelib.domain.rfm.measures import OrderColumns

    params = parse_params("2026-01-01", "2026-01-31")
    columns = OrderColumns(np.array([0, 1, 1]), np.array([b"A", "会员".encode()], dtype="S"),
                           np.array([1767240000] * 3), np.array([100, 200, 300]))
    got = measure(columns, params, exclude=["A"])
    assert got["customer_code"].tolist() == ["会员".encode()] and got["frequency"].tolist() == [2]
