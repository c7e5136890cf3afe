"""Lifetime figures per customer from every committed order: first/last order day, count, total, main store.

Only orders of the given customers count (an order whose customer does not exist yet is parked).
Days are China dates (UTC+8). The main store is the store with most orders; on a tie, the store of
the most recent of those orders. Orders without a store do not vote.
"""
import numpy as np
import pandas as pd

from chalicelib.domain.customer_columns import MISSING_DAY

CHINA_OFFSET = 8 * 3600
DAY = 86400


def china_days(ordered_at: np.ndarray) -> np.ndarray:
    return ((np.asarray(ordered_at, dtype=np.int64) + CHINA_OFFSET) // DAY).astype(np.int32)


def store_in_force(imported_store: np.ndarray, main_store: np.ndarray) -> np.ndarray:
    """The imported 所属门店 where given, else the store of most purchases."""
    return np.where(np.asarray(imported_store) != "", imported_store, main_store).astype(str)


def lifetime_columns(codes: np.ndarray, order_rows: np.ndarray, ordered_at: np.ndarray, amount_fen: np.ndarray,
                     store: np.ndarray, store_names: np.ndarray) -> dict[str, np.ndarray]:
    """Figures for rows `codes`; order i belongs to row order_rows[i] (-1: not one of them), store -1: none."""
    rows = len(codes)
    mine = order_rows >= 0
    row, at, amount, store = order_rows[mine], ordered_at[mine], amount_fen[mine], store[mine]
    first = np.full(rows, MISSING_DAY, dtype=np.int32)
    last = np.full(rows, MISSING_DAY, dtype=np.int32)
    if len(row):
        times = pd.Series(at).groupby(row)
        seen = times.min().index.to_numpy()
        first[seen] = china_days(times.min().to_numpy())
        last[seen] = china_days(times.max().to_numpy())
    count = np.bincount(row, minlength=rows).astype(np.int32)
    total = np.zeros(rows, dtype=np.int64)
    np.add.at(total, row, amount.astype(np.int64))
    return {"first_order_day": first, "last_order_day": last, "order_count": count, "total_fen": total,
            "main_store": _main_store(rows, row, at, store, store_names)}


def _main_store(rows: int, row, at, store, store_names) -> np.ndarray:
    main = np.full(rows, "", dtype=object)
    voted = store >= 0
    if voted.any():
        votes = pd.DataFrame({"row": row[voted], "store": store[voted], "at": at[voted]})
        tally = votes.groupby(["row", "store"], sort=False).agg(orders=("at", "size"), latest=("at", "max"))
        best = tally.reset_index().sort_values(["row", "orders", "latest"]).drop_duplicates("row", keep="last")
        main[best["row"].to_numpy()] = np.asarray(store_names, dtype=object)[best["store"].to_numpy()]
    return main.astype(str) if rows else np.empty(0, dtype="U1")
