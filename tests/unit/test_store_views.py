"""An analysis seen over one store's customers, and the store × class table, against plain loops."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.rfm.summary import among, figures
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.domain.stores import class_counts, clean_name
from chalicelib.errors import ValidationFailed

LABELS = (*CLASS_NAMES, "无购买", "未分析")

results_rows = st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30), st.integers(1, 500_000),
                                  st.integers(1, 5), st.integers(1, 5), st.integers(0, 7), st.booleans()),
                        max_size=40)


def _results(rows) -> tuple[pd.DataFrame, list[str]]:
    frame = pd.DataFrame({"customer_code": [f"C{i:05d}" for i in range(len(rows))],
                          "recency_days": [r[0] for r in rows], "frequency": [r[1] for r in rows],
                          "monetary": [float(r[2]) for r in rows], "r_score": [r[3] for r in rows],
                          "f_score": [r[4] for r in rows], "rfm_class": [r[5] for r in rows]})
    members = [f"C{i:05d}" for i, r in enumerate(rows) if r[6]]
    return frame, members + ["C99999"]  # a member of the store with no purchase in the window


def _reference(rows, total: int) -> dict:
    chosen = [r for r in rows if r[6]]
    classes = {}
    for index, name in enumerate(CLASS_NAMES):
        mine = [r for r in chosen if r[5] == index]
        classes[name] = {"count": len(mine), "share": len(mine) / len(chosen) if chosen else 0.0,
                         "avg_recency_days": sum(r[0] for r in mine) / len(mine) if mine else None,
                         "avg_frequency": sum(r[1] for r in mine) / len(mine) if mine else None,
                         "avg_monetary": sum(r[2] for r in mine) / len(mine) if mine else None}
    grid = [[None] * 5 for _ in range(5)]
    for r_score in range(1, 6):
        for f_score in range(1, 6):
            mine = [r for r in chosen if r[3] == r_score and r[4] == f_score]
            grid[r_score - 1][f_score - 1] = {"count": len(mine), "share": len(mine) / len(chosen) if chosen else 0.0,
                                              "avg_monetary": sum(r[2] for r in mine) / len(mine) if mine else None}
    return {"classes": classes, "grid": grid, "customers_analysed": len(chosen), "customers_total": total,
            "no_purchase": total - len(chosen), "orders_in_window": sum(r[1] for r in chosen)}


@settings(max_examples=60, deadline=None)
@given(results_rows)
def test_a_store_view_counts_shares_and_averages_only_the_store_customers(rows):
    # Given an analysis' results and the codes of one store's customers (one of them never bought)
    frame, members = _results(rows)
    # When the analysis is summarised over the store's customers
    shown = figures(among(frame, members), len(members))
    # Then every figure equals a plain loop over those customers
    assert _flat(shown) == pytest.approx(_flat(_reference(rows, len(members))))


def _flat(value, path="") -> dict:
    """Nested figures as {path: number}, so approx can compare averages; None stays None."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{path}/{key}").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{path}/{i}").items()}
    return {path: value}


def test_a_store_without_customers_shows_an_empty_analysis():
    frame, _ = _results([(3, 2, 100, 5, 5, 0, True)])
    shown = figures(among(frame, []), 0)
    assert shown["customers_analysed"] == 0 and shown["no_purchase"] == 0
    assert all(row["count"] == 0 and row["avg_monetary"] is None for row in shown["classes"].values())
    assert sum(cell["count"] for row in shown["grid"] for cell in row) == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "南山店", "福田店", "罗湖店"]), st.integers(0, len(LABELS) - 1)),
                max_size=50),
       st.lists(st.sampled_from(["宝安店", "南山店"]), max_size=2, unique=True))
def test_each_store_counts_its_customers_by_class(customers, added):
    # Given customers with a store (or none) and a class, and store names added by hand
    stores, classes = [s for s, _ in customers], [c for _, c in customers]
    # When they are counted per store
    rows, unassigned = class_counts(np.array(stores, dtype=str), np.array(classes, dtype=np.int8), LABELS, added)
    # Then each store's counts equal a plain count, hand-added names appear even when empty,
    # and stores with more customers come first
    names = sorted({s for s in stores if s} | set(added))
    assert sorted(row["name"] for row in rows) == names
    for row in [*rows, unassigned]:
        mine = [c for s, c in customers if s == row["name"]]
        assert row["customers"] == len(mine)
        assert row["classes"] == {label: sum(1 for c in mine if c == i) for i, label in enumerate(LABELS)}
    assert [row["customers"] for row in rows] == sorted((row["customers"] for row in rows), reverse=True)


def test_a_store_name_is_trimmed_and_must_be_short_and_present():
    assert clean_name("  南山店 ") == "南山店"
    for bad in ("", "   ", None, 12, "店" * 41):
        with pytest.raises(ValidationFailed):
            clean_name(bad)
