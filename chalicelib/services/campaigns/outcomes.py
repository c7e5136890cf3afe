"""What recipients bought after a campaign: figures per group and window, and the window as the page shows it.

Pure: arrays in, dicts out. Figures are sums (n, buyers, orders, revenue_fen, revenue_sq) so campaigns of one
plan can be pooled by adding them. The sent group is every planned recipient outside the control group, sent
or not (intention to treat): dropping failed messages would compare a selected group with a random one.
"""
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd

from chalicelib.domain.campaigns import stats

WINDOWS = (7, 30)
DAY = 86400
CHINA = timezone(timedelta(hours=8))
FIELDS = ("n", "buyers", "orders", "revenue_fen", "revenue_sq")
NO_CONTROL = "未设对照组，无法比较"


def group_figures(members: np.ndarray, order_codes: np.ndarray, ordered_at: np.ndarray, amount_fen: np.ndarray,
                  start: int, end: int) -> dict:
    """Sums over `members` (customer codes) of their orders with start <= ordered_at < end (epoch seconds)."""
    inside = (ordered_at >= start) & (ordered_at < end)
    at = pd.Index(np.asarray(members, dtype=object)).get_indexer(np.asarray(order_codes, dtype=object)[inside])
    mine = at >= 0
    orders = np.bincount(at[mine], minlength=len(members))
    revenue = np.bincount(at[mine], weights=amount_fen[inside][mine].astype(np.float64), minlength=len(members))
    return {"n": len(members), "buyers": int((orders > 0).sum()), "orders": int(orders.sum()),
            "revenue_fen": int(revenue.sum()), "revenue_sq": float((revenue ** 2).sum())}


def coverage(start: int, days: int, now: int, latest_order: int | None) -> tuple[bool, str]:
    """(complete, note): a window counts once it has ended and imported orders reach past its end."""
    end = start + days * DAY
    if now < end:
        return False, f"发送后 {days} 天尚未结束（{_day(end)} 结束），结果会随新导入的订单变化"
    if latest_order is None:
        return False, f"发送后尚未导入新的订单，请导入 {_day(end)} 之后的订单再看结果"
    if latest_order < end:
        return False, f"最新导入的订单只到 {_day(latest_order)}，窗口尚未覆盖，请导入 {_day(end)} 之后的订单再看结果"
    return True, ""


def window_view(days: int, sent: dict, control: dict, complete: bool, note: str) -> dict:
    """One window as the report and the plan page show it: both groups, the differences with 95 % CIs, a verdict."""
    rate = stats.rate_difference(sent["buyers"], sent["n"], control["buyers"], control["n"])  # Nones: a group empty
    revenue = stats.mean_difference(sent["revenue_fen"], sent["revenue_sq"], sent["n"],
                                    control["revenue_fen"], control["revenue_sq"], control["n"])
    verdict, verdict_note = _verdict(rate, control["n"] > 0 and sent["n"] > 0, complete, note)
    return {"days": days, "complete": complete, "note": note, "sent": _group(sent), "control": _group(control),
            "rate_difference": _interval(rate, 4), "revenue_difference": _interval(revenue, 2, 100),
            "verdict": verdict, "verdict_note": verdict_note}


def pool(figures: list[dict]) -> dict:
    """Figures of several campaigns added up."""
    return {name: sum(f[name] for f in figures) for name in FIELDS} if figures else empty()


def empty() -> dict:
    return {"n": 0, "buyers": 0, "orders": 0, "revenue_fen": 0, "revenue_sq": 0.0}


def _verdict(rate, has_control: bool, complete: bool, note: str) -> tuple[str, str]:
    if not has_control:
        return "尚不能确定", NO_CONTROL
    if not complete:
        return "尚不能确定", note or "窗口尚未结束，暂不下结论"
    diff, low, high = rate
    verdict = stats.verdict(low, high)
    span = f"95% 置信区间 {_points(low)} 至 {_points(high)} 个百分点"
    if verdict == "明显提升":
        return verdict, f"发送组复购率比对照组高 {_points(diff)} 个百分点（{span}）"
    if verdict == "无提升":
        return verdict, f"发送组复购率没有高于对照组（差 {_points(diff)} 个百分点，{span}）"
    return verdict, f"差异为 {_points(diff)} 个百分点，但{span}，跨过 0：样本还不足以下结论"


def _group(figures: dict) -> dict:
    n = figures["n"]
    return {"customers": n, "buyers": figures["buyers"],
            "rate": round(figures["buyers"] / n, 4) if n else None,
            "orders_per_customer": round(figures["orders"] / n, 3) if n else None,
            "revenue_per_customer": round(figures["revenue_fen"] / n / 100, 2) if n else None}


def _interval(values: tuple, digits: int, scale: float = 1) -> dict:
    value, low, high = (None if v is None or not np.isfinite(v) else round(float(v) / scale, digits) for v in values)
    return {"value": value, "low": low, "high": high}


def _points(rate: float) -> str:
    return f"{rate * 100:.1f}"


def _day(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, CHINA).date().isoformat()
