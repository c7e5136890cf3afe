"""Sent group vs control group: the smallest lift a campaign can detect, and what it achieved.

Rates are shares in [0, 1]; differences are absolute (sent minus control). Every interval is 95 %.
A group without customers gives None: nothing can be said about it.
"""
import math
from statistics import NormalDist

from chalicelib.domain.campaigns.student import t_quantile

Z95 = NormalDist().inv_cdf(0.975)
CLEAR_LIFT, UNSURE, NO_LIFT = "明显提升", "尚不能确定", "无提升"


def _detectable(lift: float, base: float, n1: int, n0: int, z_alpha: float, z_power: float) -> bool:
    """Whether a two-sided two-proportion z test (pooled variance under H0) reaches `power` at `lift`."""
    sent = base + lift
    pooled = (sent * n1 + base * n0) / (n1 + n0)
    null_sd = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    alternative_sd = math.sqrt(sent * (1 - sent) / n1 + base * (1 - base) / n0)
    return lift >= z_alpha * null_sd + z_power * alternative_sd


def min_detectable_lift(base_rate: float, n_sent: int, n_control: int, alpha: float = 0.05,
                        power: float = 0.8) -> float | None:
    """Smallest rise over `base_rate` the groups can detect; None when a group is empty or even
    a rate of 100 % could not be told apart."""
    if n_sent <= 0 or n_control <= 0 or base_rate >= 1:
        return None
    z_alpha, z_power = NormalDist().inv_cdf(1 - alpha / 2), NormalDist().inv_cdf(power)
    low, high = 0.0, 1.0 - base_rate
    if not _detectable(high, base_rate, n_sent, n_control, z_alpha, z_power):
        return None
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (low, middle) if _detectable(middle, base_rate, n_sent, n_control, z_alpha, z_power) \
            else (middle, high)
    return high


def wilson(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for x successes in n."""
    centre = (x + z * z / 2) / (n + z * z)
    half = z * math.sqrt(x * (n - x) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def rate_difference(x1: int, n1: int, x0: int, n0: int) -> tuple:
    """(p1 - p0, low, high): Newcombe's hybrid score interval (1998, method 10)."""
    if n1 <= 0 or n0 <= 0:
        return None, None, None
    p1, p0 = x1 / n1, x0 / n0
    (l1, u1), (l0, u0) = wilson(x1, n1), wilson(x0, n0)
    diff = p1 - p0
    return diff, diff - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2), diff + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)


def welch(sum1: float, sumsq1: float, n1: int, sum0: float, sumsq0: float, n0: int) -> tuple[float, float, float]:
    """(mean difference, its standard error, Welch–Satterthwaite degrees of freedom)."""
    m1, m0 = sum1 / n1, sum0 / n0
    v1 = max(sumsq1 - n1 * m1 * m1, 0.0) / (n1 - 1) / n1
    v0 = max(sumsq0 - n0 * m0 * m0, 0.0) / (n0 - 1) / n0
    se = math.sqrt(v1 + v0)
    df = (v1 + v0) ** 2 / (v1 ** 2 / (n1 - 1) + v0 ** 2 / (n0 - 1)) if se > 0 else math.inf
    return m1 - m0, se, df


# Spending per customer in a window is mostly zeros with a long tail: a t interval needs groups this large before it
# means what it says (with four control customers who all spent ¥0 it would claim a lift it cannot know).
MIN_MEAN_GROUP = 30


def mean_difference(sum1: float, sumsq1: float, n1: int, sum0: float, sumsq0: float, n0: int) -> tuple:
    """(mean1 - mean0, low, high) from sums and sums of squares: Welch's t interval, or no interval while a group
    has fewer than MIN_MEAN_GROUP customers."""
    if n1 <= 0 or n0 <= 0:
        return None, None, None
    if n1 < MIN_MEAN_GROUP or n0 < MIN_MEAN_GROUP:
        return sum1 / n1 - sum0 / n0, None, None
    return welch_interval(sum1, sumsq1, n1, sum0, sumsq0, n0)


def welch_interval(sum1: float, sumsq1: float, n1: int, sum0: float, sumsq0: float, n0: int) -> tuple:
    """(mean1 - mean0, low, high): Welch's 95 % t interval (groups of two or more)."""
    diff, se, df = welch(sum1, sumsq1, n1, sum0, sumsq0, n0)
    half = t_quantile(0.975, df) * se if se > 0 else 0.0
    return diff, diff - half, diff + half


def verdict(low: float | None, high: float | None) -> str:
    """Plain words for an interval: a clear lift only when all of it is above zero."""
    if low is not None and low > 0:
        return CLEAR_LIFT
    if high is not None and high <= 0:
        return NO_LIFT
    return UNSURE
