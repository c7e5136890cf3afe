"""Campaign outcome figures: per-group sums over a window, when a window counts, and the window's verdict."""
import numpy as np

from chalicelib.services.campaigns import outcomes
from chalicelib.services.campaigns.outcomes import DAY

START = 1_780_000_000


def orders(*rows):
    codes, at, amount = zip(*rows) if rows else ((), (), ())
    return np.array(codes, dtype=str), np.array(at, dtype=np.int64), np.array(amount, dtype=np.int64)


def test_group_figures_count_only_members_orders_inside_the_window():
    members = np.array(["A", "B", "C"])
    codes, at, amount = orders(("A", START + 10, 1000), ("A", START + 20, 500), ("B", START - 1, 900),
                               ("C", START + 7 * DAY, 700), ("X", START + 5, 300))
    figures = outcomes.group_figures(members, codes, at, amount, START, START + 7 * DAY)
    assert figures == {"n": 3, "buyers": 1, "orders": 2, "revenue_fen": 1500, "revenue_sq": 1500.0 ** 2}


def test_revenue_squares_are_summed_per_customer_not_per_order():
    codes, at, amount = orders(("A", START, 100), ("A", START + 1, 100), ("B", START, 300))
    figures = outcomes.group_figures(np.array(["A", "B"]), codes, at, amount, START, START + DAY)
    assert figures["revenue_sq"] == 200 ** 2 + 300 ** 2


def test_a_group_without_orders_has_no_buyers():
    codes, at, amount = orders()
    assert outcomes.group_figures(np.array(["A"]), codes, at, amount, START, START + DAY)["buyers"] == 0


def test_a_window_that_has_not_ended_is_not_complete():
    complete, note = outcomes.coverage(START, 30, START + 10 * DAY, START + 10 * DAY)
    assert not complete and "发送后 30 天尚未结束" in note


def test_an_ended_window_without_orders_past_its_end_is_not_complete():
    complete, note = outcomes.coverage(START, 7, START + 40 * DAY, START + 3 * DAY)
    assert not complete and "最新导入的订单只到" in note


def test_an_ended_window_with_no_new_orders_says_so():
    complete, note = outcomes.coverage(START, 7, START + 40 * DAY, None)
    assert not complete and "尚未导入新的订单" in note


def test_an_ended_window_with_orders_past_its_end_is_complete():
    assert outcomes.coverage(START, 7, START + 40 * DAY, START + 8 * DAY) == (True, "")


def figures(n, buyers, revenue_each=1000):
    return {"n": n, "buyers": buyers, "orders": buyers, "revenue_fen": buyers * revenue_each,
            "revenue_sq": float(buyers * revenue_each ** 2)}


def test_a_clear_lift_with_a_complete_window_is_called_a_lift():
    window = outcomes.window_view(30, figures(2000, 600), figures(2000, 300), True, "")
    assert window["verdict"] == "明显提升"
    assert window["rate_difference"]["low"] > 0
    assert window["sent"]["rate"] == 0.3 and window["control"]["rate"] == 0.15
    assert window["revenue_difference"]["value"] == 1.5  # yuan per customer


def test_the_same_lift_before_the_window_is_complete_is_not_claimed():
    window = outcomes.window_view(30, figures(2000, 600), figures(2000, 300), False, "发送后 30 天尚未结束")
    assert window["verdict"] == "尚不能确定" and window["verdict_note"] == "发送后 30 天尚未结束"


def test_a_small_difference_on_small_groups_is_not_decided():
    window = outcomes.window_view(7, figures(50, 6), figures(50, 5), True, "")
    assert window["verdict"] == "尚不能确定"
    assert window["rate_difference"]["low"] < 0 < window["rate_difference"]["high"]


def test_a_lower_rate_in_the_sent_group_is_no_lift():
    window = outcomes.window_view(7, figures(3000, 100), figures(3000, 400), True, "")
    assert window["verdict"] == "无提升"


def test_without_a_control_group_nothing_is_compared():
    window = outcomes.window_view(7, figures(100, 30), outcomes.empty(), True, "")
    assert (window["verdict"], window["verdict_note"]) == ("尚不能确定", outcomes.NO_CONTROL)
    assert window["rate_difference"] == {"value": None, "low": None, "high": None}
    assert window["control"]["rate"] is None


def test_pooled_figures_are_the_sums():
    assert outcomes.pool([figures(10, 2), figures(30, 3)]) == figures(40, 5)
