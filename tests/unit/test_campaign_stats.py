"""Lift statistics against published examples: sample size, Newcombe's interval, Welch's t, t quantiles."""
import math

import pytest

from chalicelib.domain.campaigns.stats import (
    mean_difference,
    min_detectable_lift,
    rate_difference,
    verdict,
    welch,
    welch_interval,
)
from chalicelib.domain.campaigns.student import t_cdf, t_quantile


def sums(values):
    return sum(values), sum(value * value for value in values), len(values)


def test_686_per_group_detect_a_rise_from_10_to_15_percent():
    # Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed., 2003), eq. 4.14
    # without continuity correction: n = [z.975·√(2·p̄q̄) + z.8·√(p1q1 + p2q2)]² / (p2 − p1)²
    # = [1.95996·√(2·.125·.875) + .84162·√(.09 + .1275)]² / .05² = 685.6 → 686 per group.
    assert min_detectable_lift(0.10, 686, 686) == pytest.approx(0.05, abs=5e-5)
    assert min_detectable_lift(0.10, 686, 686) < 0.05 < min_detectable_lift(0.10, 685, 685)


def test_a_smaller_control_group_can_only_detect_a_larger_lift():
    even = min_detectable_lift(0.10, 5_000, 5_000)
    assert even < min_detectable_lift(0.10, 9_000, 1_000) < min_detectable_lift(0.10, 9_500, 500)
    assert min_detectable_lift(0.10, 40_000, 10_000) < min_detectable_lift(0.10, 4_000, 1_000)


def test_no_lift_can_be_detected_without_a_control_group_or_with_tiny_groups():
    assert min_detectable_lift(0.10, 1_000, 0) is None
    assert min_detectable_lift(0.10, 0, 1_000) is None
    assert min_detectable_lift(0.10, 1, 1) is None
    assert min_detectable_lift(1.0, 1_000, 1_000) is None


def test_a_zero_base_rate_still_has_a_detectable_lift():
    assert 0 < min_detectable_lift(0.0, 1_000, 1_000) < 0.02


def test_newcombes_hybrid_score_interval_matches_his_published_example():
    # Newcombe RG, Statistics in Medicine 1998;17:873–890, Table II example (a), method 10:
    # 56/70 − 48/80 = 0.2000, 95 % CI 0.0524 to 0.3339.
    diff, low, high = rate_difference(56, 70, 48, 80)
    assert diff == pytest.approx(0.2)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_the_rate_interval_stays_within_minus_one_and_one_at_the_extremes():
    diff, low, high = rate_difference(10, 10, 0, 10)
    assert diff == 1 and 0 < low < 1 and high <= 1
    assert rate_difference(0, 10, 10, 10)[1] >= -1


def test_the_rate_interval_is_symmetric_when_the_groups_are_swapped():
    diff, low, high = rate_difference(30, 200, 12, 100)
    swapped = rate_difference(12, 100, 30, 200)
    assert swapped == pytest.approx((-diff, -high, -low))


def test_an_empty_group_gives_no_rate_difference():
    assert rate_difference(5, 100, 0, 0) == (None, None, None)


A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]


def test_welch_statistic_and_degrees_of_freedom_match_the_published_example():
    # Wikipedia "Welch's t-test", example 1 (equal sizes, unequal variances): t = −2.46, ν ≈ 25, p = 0.021.
    diff, se, df = welch(*sums(A1), *sums(A2))
    assert diff / se == pytest.approx(-2.46, abs=0.005)
    assert df == pytest.approx(25.0, abs=0.1)
    assert 2 * t_cdf(diff / se, df) == pytest.approx(0.021, abs=0.0005)


def test_the_mean_interval_is_welchs_95_percent_t_interval():
    diff, low, high = welch_interval(*sums(A1), *sums(A2))
    _, se, df = welch(*sums(A1), *sums(A2))
    assert diff == pytest.approx(-2.1667, abs=1e-4)
    assert (high - low) / 2 == pytest.approx(t_quantile(0.975, df) * se)
    assert high < 0  # p = 0.021 < 0.05: the interval leaves zero out


@pytest.mark.parametrize(("df", "quantile"), [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423),
                                              (120, 1.9799)])
def test_t_quantiles_match_the_printed_table(df, quantile):
    assert t_quantile(0.975, df) == pytest.approx(quantile, abs=5e-5)


def test_t_quantiles_approach_the_normal_for_many_degrees_of_freedom():
    assert t_quantile(0.975, 1e7) == pytest.approx(1.959964, abs=1e-5)


def test_groups_without_spread_give_a_zero_width_welch_interval():
    assert welch_interval(50, 500, 5, 30, 180, 5) == pytest.approx((4.0, 4.0, 4.0))


def test_groups_under_thirty_give_the_difference_but_no_interval():
    assert mean_difference(10, 100, 1, 3, 9, 1) == (7.0, None, None)
    assert mean_difference(10, 100, 2, 0, 0, 0) == (None, None, None)
    spent, nothing = sums([30.0] * 3 + [0.0] * 50), sums([0.0] * 4)  # four control customers who all spent ¥0
    assert mean_difference(*spent, *nothing)[1:] == (None, None)
    assert mean_difference(*sums(A1 * 2), *sums(A2 * 2))[1] is not None


@pytest.mark.parametrize(("low", "high", "words"), [
    (0.01, 0.2, "明显提升"), (-0.01, 0.2, "尚不能确定"), (0.0, 0.2, "尚不能确定"), (-0.2, 0.0, "无提升"),
    (-0.2, -0.01, "无提升"), (None, None, "尚不能确定"),
])
def test_the_verdict_never_claims_more_than_the_interval_supports(low, high, words):
    assert verdict(low, high) == words


def test_a_verdict_for_a_real_lift_with_a_big_enough_control_group():
    # 12 % vs 10 % on 20,000 vs 5,000: a 2-point lift beats the 1.4-point detectable lift.
    assert min_detectable_lift(0.10, 20_000, 5_000) < 0.02
    _, low, high = rate_difference(2_400, 20_000, 500, 5_000)
    assert verdict(low, high) == "明显提升"
    assert not math.isnan(low)
