"""The RFM engine against the plain-loop reference, on data rich in edge cases, plus the definitions one by one."""
from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain.rfm.engine import NoPurchases, analyse
from chalicelib.domain.rfm.params import parse_params
from chalicelib.domain.rfm_classes import CLASS_NAMES
from tests.unit.rfm_reference import CHINA, reference

START, END = date(2026, 1, 1), date(2026, 3, 31)


def at(day: date, hour: int = 12, minute: int = 0, second: int = 0) -> int:
    """Epoch seconds of a China-time moment."""
    return int(datetime.combine(day, time(hour, minute, second), CHINA).timestamp())


def frame(orders) -> pd.DataFrame:
    return pd.DataFrame(orders, columns=["customer_code", "ordered_at", "amount_fen"])


def engine(orders, start=START, end=END, m_mode="avg", threshold="mean") -> dict:
    analysis = analyse(frame(orders), parse_params(start.isoformat(), end.isoformat(), m_mode, threshold))
    rows = analysis.customers.to_dict("records")
    return {row["customer_code"]: {**row, "rfm_class": CLASS_NAMES[row["rfm_class"]]} for row in rows}


# Moments that sit on the edges: window ends in China time, the UTC day change, same day twice.
EDGE_MOMENTS = [at(START, 0, 0, 0), at(START, 0, 0, 0) - 1, at(END, 23, 59, 59), at(END, 23, 59, 59) + 1,
                at(date(2026, 2, 14), 7, 59, 59), at(date(2026, 2, 14), 8, 0, 0), at(date(2026, 2, 14), 20),
                at(date(2026, 3, 30), 9), at(date(2025, 12, 31), 23)]
moments = st.one_of(st.sampled_from(EDGE_MOMENTS),
                    st.integers(at(START, 0) - 20 * 86400, at(END, 23) + 20 * 86400))
amounts = st.one_of(st.sampled_from([100, 100, 2500, 0, -100, -2500, 9999]), st.integers(-5000, 50000))
order_rows = st.lists(st.tuples(st.sampled_from([f"C{i}" for i in range(12)]), moments, amounts), max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order_rows, st.sampled_from(["avg", "total"]), st.sampled_from(["mean", "median", "quintile"]))
def test_the_engine_agrees_with_the_reference_for_every_customer(orders, m_mode, threshold):
    expected = reference(orders, START, END, m_mode, threshold)
    if not expected:
        with pytest.raises(NoPurchases):
            engine(orders, m_mode=m_mode, threshold=threshold)
        return
    got = engine(orders, m_mode=m_mode, threshold=threshold)
    assert set(got) == set(expected)
    for code, want in expected.items():
        row = got[code]
        assert (row["recency_days"], row["frequency"]) == (want["recency_days"], want["frequency"]), code
        assert row["monetary"] == pytest.approx(want["monetary"]), code
        assert (row["r_score"], row["f_score"], row["m_score"]) == (want["r_score"], want["f_score"],
                                                                    want["m_score"]), code
        assert row["rfm_class"] == want["rfm_class"], code


def test_an_order_on_the_end_date_gives_recency_zero_and_the_day_before_one():
    got = engine([("A", at(END, 23, 59, 59), 100), ("B", at(END, 0, 0, 0) - 1, 100)])
    assert got["A"]["recency_days"] == 0
    assert got["B"]["recency_days"] == 1


def test_orders_on_the_same_day_count_each_and_recency_uses_the_date():
    got = engine([("A", at(date(2026, 3, 1), 9), 1000), ("A", at(date(2026, 3, 1), 18), 3000)])
    assert got["A"]["frequency"] == 2
    assert got["A"]["recency_days"] == (END - date(2026, 3, 1)).days
    assert got["A"]["monetary"] == 2000


def test_a_return_reduces_m_and_is_not_counted_in_f():
    got = engine([("A", at(date(2026, 2, 1)), 10000), ("A", at(date(2026, 2, 1)), 5000),
                  ("A", at(date(2026, 3, 1)), -3000)])
    assert got["A"]["frequency"] == 2
    assert got["A"]["monetary"] == pytest.approx((15000 - 3000) / 2)
    assert got["A"]["recency_days"] == (END - date(2026, 2, 1)).days  # the return is not a purchase


def test_zero_amount_orders_change_nothing():
    with_gift = engine([("A", at(date(2026, 2, 1)), 10000), ("A", at(date(2026, 3, 20)), 0)])
    assert with_gift["A"]["frequency"] == 1
    assert with_gift["A"]["recency_days"] == (END - date(2026, 2, 1)).days


def test_total_mode_uses_the_net_amount():
    got = engine([("A", at(date(2026, 2, 1)), 10000), ("A", at(date(2026, 2, 2)), 5000)], m_mode="total")
    assert got["A"]["monetary"] == 15000


def test_a_customer_whose_orders_fall_outside_the_window_is_not_analysed():
    got = engine([("A", at(START, 0) - 1, 10000), ("B", at(date(2026, 2, 1)), 5000)])
    assert set(got) == {"B"}


def test_a_customer_with_only_returns_in_the_window_has_no_purchase():
    got = engine([("A", at(START) - 86400, 10000), ("A", at(date(2026, 2, 1)), -10000),
                  ("B", at(date(2026, 2, 1)), 5000)])
    assert set(got) == {"B"}


def test_a_window_with_no_orders_raises_no_purchases():
    with pytest.raises(NoPurchases):
        engine([("A", at(date(2025, 6, 1)), 1000)])
    with pytest.raises(NoPurchases):
        engine([])


def test_a_customer_exactly_at_every_mean_is_high_on_all_three():
    # Three customers with equal R, F and M: each equals the mean, so each is 重要价值客户.
    day = date(2026, 3, 10)
    got = engine([(code, at(day), 3333) for code in "ABC"])
    assert {row["rfm_class"] for row in got.values()} == {"重要价值客户"}


def test_classes_follow_the_spec_table():
    day_recent, day_old = date(2026, 3, 30), date(2026, 1, 5)
    orders = [("RFM", at(day_recent), 9000), ("RFM", at(day_recent), 9000),
              ("rfm", at(day_old), 1000)]
    got = engine(orders)
    assert got["RFM"]["rfm_class"] == "重要价值客户"
    assert got["rfm"]["rfm_class"] == "一般挽留客户"


def test_the_class_counts_and_grid_add_up_to_the_customers_analysed():
    rng = np.random.default_rng(7)
    orders = frame({"customer_code": [f"C{i}" for i in rng.integers(0, 300, 3000)],
                    "ordered_at": rng.integers(at(START, 0), at(END, 23), 3000),
                    "amount_fen": rng.integers(-500, 20000, 3000)})
    analysis = analyse(orders, parse_params("2026-01-01", "2026-03-31"))
    classes, grid = analysis.classes(), analysis.grid()
    assert list(classes) == list(CLASS_NAMES)
    assert sum(row["count"] for row in classes.values()) == len(analysis.customers)
    assert sum(cell["count"] for row in grid for cell in row) == len(analysis.customers)
    assert sum(row["share"] for row in classes.values()) == pytest.approx(1)
    assert len(grid) == 5 and all(len(row) == 5 for row in grid)
