"""Thresholds, scores and the eight classes (SPEC §5).

F and M are high when >= their threshold; R is high (recent) when <= its threshold. Every
method ends as three numeric thresholds, so a customer's class can always be explained as
"R 12 天 ≤ 30 天" and so on:
- mean / median: of R, F and M over the customers with a purchase in the window;
- quintile: high means a score of 3 or more, and since equal values share a score this is the
  same as comparing with the value at which score 3 starts (None: no customer reaches it,
  which happens with fewer than three distinct values, and then nobody is high on it).
"""
from dataclasses import dataclass

import numpy as np
import pandas as pd

from chalicelib.domain.rfm.scores import lowest_with_score, quintile_scores

HIGH_SCORE = 3
# A mean is a rounded float: the mean of three equal amounts may come out a hair above each of
# them. Values within this much of a threshold count as equal to it (a millionth of a day,
# order or fen means nothing to anyone).
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Thresholds:
    recency_days: float | None
    frequency: float | None
    monetary: float | None  # fen

    def as_dict(self) -> dict:
        return {"recency_days": self.recency_days, "frequency": self.frequency, "monetary": self.monetary}


def score(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures plus r_score, f_score and m_score."""
    return measures.assign(r_score=quintile_scores(measures["recency_days"].to_numpy(), higher_is_better=False),
                           f_score=quintile_scores(measures["frequency"].to_numpy()),
                           m_score=quintile_scores(measures["monetary"].to_numpy()))


def thresholds(scored: pd.DataFrame, method: str) -> Thresholds:
    r, f, m = (scored[name].to_numpy() for name in ("recency_days", "frequency", "monetary"))
    if method == "mean":
        return Thresholds(*(float(column.mean()) for column in (r, f, m)))
    if method == "median":
        return Thresholds(*(float(np.median(column)) for column in (r, f, m)))
    return Thresholds(_plain(lowest_with_score(r, scored["r_score"].to_numpy(), HIGH_SCORE, higher_is_better=False)),
                      _plain(lowest_with_score(f, scored["f_score"].to_numpy(), HIGH_SCORE)),
                      _plain(lowest_with_score(m, scored["m_score"].to_numpy(), HIGH_SCORE)))


def highs(recency, frequency, monetary, limits: Thresholds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(recent, frequent, valuable) per customer: R, F and M judged high against the thresholds."""
    return (_at_most(recency, limits.recency_days), _at_least(frequency, limits.frequency),
            _at_least(monetary, limits.monetary))


def class_index(recency, frequency, monetary, limits: Thresholds) -> np.ndarray:
    """Index into CLASS_NAMES (0 = 重要价值客户 ... 7 = 一般挽留客户) for each customer."""
    recent, frequent, valuable = highs(recency, frequency, monetary, limits)
    # SPEC table order: M high before M low; within each, (R, F) = HH, HL, LH, LL
    return (np.where(valuable, 0, 4) + np.where(recent, 0, 2) + np.where(frequent, 0, 1)).astype(np.int8)


def _at_least(values, limit) -> np.ndarray:
    values = np.asarray(values)
    return np.zeros(values.shape, dtype=bool) if limit is None else values >= limit - TOLERANCE


def _at_most(values, limit) -> np.ndarray:
    values = np.asarray(values)
    return np.zeros(values.shape, dtype=bool) if limit is None else values <= limit + TOLERANCE


def _plain(value):
    return None if value is None else float(value)
