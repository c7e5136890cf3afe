"""What an analysis shows: per class count, share and averages; the 25-cell R score x F score grid."""
import numpy as np
import pandas as pd

from chalicelib.domain.rfm.scores import SCORES
from chalicelib.domain.rfm_classes import CLASS_NAMES


def class_table(result: pd.DataFrame) -> dict:
    """Class name -> {count, share, avg_recency_days, avg_frequency, avg_monetary (fen)}, in class order."""
    total = len(result)
    groups = result.groupby("rfm_class", sort=True)[["recency_days", "frequency", "monetary"]]
    counts, means = groups.size(), groups.mean()
    table = {}
    for index, name in enumerate(CLASS_NAMES):
        count = int(counts.get(index, 0))
        row = means.loc[index] if count else None
        table[name] = {"count": count, "share": count / total if total else 0.0,
                       "avg_recency_days": _mean(row, "recency_days"), "avg_frequency": _mean(row, "frequency"),
                       "avg_monetary": _mean(row, "monetary")}
    return table


def grid(result: pd.DataFrame) -> list[list[dict]]:
    """grid[r - 1][f - 1] = {count, share, avg_monetary (fen, None when empty)} for R score r, F score f."""
    total = len(result)
    cell = (result["r_score"].to_numpy(np.int64) - 1) * SCORES + result["f_score"].to_numpy(np.int64) - 1
    counts = np.bincount(cell, minlength=SCORES * SCORES)
    sums = np.bincount(cell, weights=result["monetary"].to_numpy(np.float64), minlength=SCORES * SCORES)
    return [[_cell(int(counts[r * SCORES + f]), float(sums[r * SCORES + f]), total) for f in range(SCORES)]
            for r in range(SCORES)]


def _cell(count: int, monetary_sum: float, total: int) -> dict:
    return {"count": count, "share": count / total if total else 0.0,
            "avg_monetary": monetary_sum / count if count else None}


def _mean(row, name: str):
    return None if row is None else float(row[name])


def figures(result: pd.DataFrame, customers_total: int) -> dict:
    """What an analysis shows over `result`'s customers (all analysed, or one store's) out of `customers_total`."""
    analysed = len(result)
    return {"classes": class_table(result), "grid": grid(result), "customers_analysed": analysed,
            "customers_total": customers_total, "no_purchase": max(customers_total - analysed, 0),
            "orders_in_window": int(result["frequency"].sum())}


def among(result: pd.DataFrame, codes) -> pd.DataFrame:
    """The rows of `result` whose customer_code is one of `codes` (one store's customers), in their order."""
    return result[np.isin(result["customer_code"].to_numpy(), np.asarray(codes))]
