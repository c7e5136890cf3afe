"""Why a customer is in its class, and what would move it up (SPEC §9 "explainable class").

Each step is one concrete thing the customer could do after the end date, judged against the
same thresholds: buy once more, buy enough times to become frequent, or spend enough on the next
order to become valuable. Every purchase also makes the customer recent (R = 0) and adds one to
F; a purchase "at the usual amount" keeps 客单价 unchanged. A step is offered when it lands in a
better class (a lower place in the SPEC table), and the lowest-effort steps come first.
"""
import math
from dataclasses import dataclass

from chalicelib.domain.rfm.classify import TOLERANCE, Thresholds, class_index, highs
from chalicelib.domain.rfm_classes import CLASS_NAMES


@dataclass(frozen=True)
class Customer:
    recency_days: int
    frequency: int
    monetary: float  # fen, per the analysis' M mode
    net_fen: int
    m_mode: str = "avg"


def explain(customer: Customer, limits: Thresholds) -> dict:
    """{rfm_class, checks: [{measure, value, threshold, high}], steps: [text], warning: text | None}."""
    recent, frequent, valuable = (bool(high[0]) for high in highs(
        [customer.recency_days], [customer.frequency], [customer.monetary], limits))
    current = _class_of(customer.recency_days, customer.frequency, customer.monetary, limits)
    return {"rfm_class": CLASS_NAMES[current], "checks": _checks(customer, limits, recent, frequent, valuable),
            "steps": _steps(customer, limits, current, valuable),
            "warning": _warning(customer, limits, current) if recent else None}


def _checks(customer: Customer, limits: Thresholds, recent: bool, frequent: bool, valuable: bool) -> list[dict]:
    return [{"measure": "R", "value": customer.recency_days, "threshold": limits.recency_days, "high": recent},
            {"measure": "F", "value": customer.frequency, "threshold": limits.frequency, "high": frequent},
            {"measure": "M", "value": customer.monetary, "threshold": limits.monetary, "high": valuable}]


def _steps(customer: Customer, limits: Thresholds, current: int, valuable: bool) -> list[str]:
    usual = customer.net_fen / customer.frequency if customer.frequency else 0.0
    candidates = [(1, "再消费 1 次", 1, usual)]
    if limits.frequency is not None and customer.frequency + 1 < limits.frequency - TOLERANCE:
        times = math.ceil(limits.frequency - TOLERANCE) - customer.frequency
        candidates.append((times, f"再消费 {times} 次", times, usual))
    needed = None if valuable else _amount_for_high_m(customer, limits)
    if needed is not None and needed > max(usual, 0):
        candidates.append((1, f"下次消费满 ¥{math.ceil(needed) / 100:,.2f} ", 1, needed))
    steps, seen = [], set()
    for _effort, action, times, amount in sorted(candidates, key=lambda c: (c[0], c[3])):
        after = _class_after(customer, times, amount, limits)
        if after < current and after not in seen:
            seen.add(after)
            steps.append(f"{action}即升为{CLASS_NAMES[after]}")
    return steps


def _amount_for_high_m(customer: Customer, limits: Thresholds) -> float | None:
    """The next order's amount (fen) that makes a low M reach its threshold (None: no threshold to reach)."""
    if limits.monetary is None:
        return None
    if customer.m_mode == "avg":
        return limits.monetary * (customer.frequency + 1) - customer.net_fen
    return limits.monetary - customer.net_fen


def _class_after(customer: Customer, times: int, amount_each: float, limits: Thresholds) -> int:
    frequency = customer.frequency + times
    net = customer.net_fen + times * amount_each
    monetary = net / frequency if customer.m_mode == "avg" else net
    return _class_of(0, frequency, monetary, limits)


def _warning(customer: Customer, limits: Thresholds, current: int) -> str | None:
    """For a recent customer: how many days without a purchase before it drops."""
    # Only a recent customer gets here, and recency counts only with a recency threshold.
    days = math.floor(limits.recency_days + TOLERANCE) - customer.recency_days + 1  # type: ignore[operator]
    later = _class_of(customer.recency_days + days, customer.frequency, customer.monetary, limits)
    return f"若 {days} 天内不再消费，将降为{CLASS_NAMES[later]}" if later != current else None


def _class_of(recency, frequency, monetary, limits: Thresholds) -> int:
    return int(class_index([recency], [frequency], [monetary], limits)[0])
