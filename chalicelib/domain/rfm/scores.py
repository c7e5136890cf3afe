"""Scores 1-5 by quintile, with ties kept together.

The rule: sort customers by value (worst first); equal values always share a score. Score s
"closes" once the customers scored 1..s hold at least s fifths of all customers, and the next
distinct value then starts score s + 1. Without ties this is exact quintiles (a fifth each).
With heavy ties (most customers have F = 1) the tie group takes score 1 alone and the few
distinct values above it still climb 2, 3, 4, 5, instead of every score but one being empty
(which cutting at fixed percentiles gives). A value only ever moves up one score at a time,
so there are fewer than five scores only when there are fewer than five distinct values.
"""
import numpy as np

SCORES = 5


def quintile_scores(values, higher_is_better: bool = True) -> np.ndarray:
    """int8 scores 1..5 for each value (R passes higher_is_better=False: fewer days is better)."""
    values = np.asarray(values)
    if not len(values):
        return np.empty(0, dtype=np.int8)
    ranked = values if higher_is_better else -values
    distinct, group, counts = np.unique(ranked, return_inverse=True, return_counts=True)
    return group_scores(counts)[group]


def group_scores(counts: np.ndarray) -> np.ndarray:
    """Score of each group of equal values, given their sizes in ascending order of value."""
    total = counts.sum()
    reached = np.cumsum(counts)  # customers scored so far, once a group is scored
    scores = np.ones(len(counts), dtype=np.int8)
    closing = -1  # the group after which the current score closed
    for score in range(1, SCORES):
        # the first group, after the last closing one, that fills score `score`'s share
        closing = max(closing + 1, int(np.searchsorted(reached * SCORES, score * total, "left")))
        if closing >= len(counts) - 1:
            break
        scores[closing + 1:] += 1
    return scores


def lowest_with_score(values, scores: np.ndarray, score: int, higher_is_better: bool = True):
    """The threshold value at which `score` starts (None when no value reaches it)."""
    values = np.asarray(values)
    chosen = values[scores >= score]
    if not len(chosen):
        return None
    return chosen.min() if higher_is_better else chosen.max()
