"""The two ways the RFM benchmark compares ours with, computing exactly what SPEC §5 asks.

Both: window = start..end China dates, both included; purchases = amount > 0; R = days from the
China date of the last purchase to the end date; F = purchases; M = net amount (purchases and
returns) / F; customers without a purchase in the window are left out; thresholds = the means
over the others; F, M high when >= threshold, R high when <= threshold (with the same 1e-6
tolerance as chalicelib.domain.rfm.classify); class = (0 if M high else 4) + (0 if R high
else 2) + (0 if F high else 1).
"""
import hashlib
import time

import numpy as np
import pandas as pd

from bench._rfm_data import Orders
from chalicelib.domain.rfm.classify import TOLERANCE
from chalicelib.domain.rfm.params import DAY, Params

CHINA_OFFSET = 8 * 3600
CLASSES = 8

DUCKDB_SQL = """
WITH in_window AS (
    SELECT customer_code, ordered_at, amount_fen FROM read_parquet('{path}')
    WHERE ordered_at BETWEEN $first_second AND $last_second
), measures AS (
    SELECT customer_code,
           $end_day - (max(ordered_at) FILTER (WHERE amount_fen > 0) + {offset}) // {day} AS recency_days,
           count(*) FILTER (WHERE amount_fen > 0) AS frequency,
           sum(amount_fen) AS net_fen
    FROM in_window GROUP BY customer_code
), bought AS (
    SELECT customer_code, recency_days, frequency, net_fen / frequency AS monetary FROM measures WHERE frequency > 0
), with_means AS (
    SELECT *, avg(recency_days) OVER () AS r_mean, avg(frequency) OVER () AS f_mean, avg(monetary) OVER () AS m_mean
    FROM bought
)
SELECT customer_code, recency_days, frequency, monetary,
       (CASE WHEN monetary >= m_mean - {tolerance} THEN 0 ELSE 4 END)
     + (CASE WHEN recency_days <= r_mean + {tolerance} THEN 0 ELSE 2 END)
     + (CASE WHEN frequency >= f_mean - {tolerance} THEN 0 ELSE 1 END) AS rfm_class,
       r_mean, f_mean, m_mean
FROM with_means
"""


def duckdb_way(parquet: str, params: Params) -> dict:
    """Parquet on local disk to one row per customer with its class, in one SQL statement."""
    import duckdb

    sql = DUCKDB_SQL.format(path=parquet.replace("'", "''"), offset=CHINA_OFFSET, day=DAY, tolerance=TOLERANCE)
    started = time.perf_counter()
    connection = duckdb.connect()
    result = connection.execute(sql, {"first_second": params.first_second, "last_second": params.last_second,
                                      "end_day": params.end_day}).df()
    seconds = time.perf_counter() - started
    connection.close()
    limits = result[["r_mean", "f_mean", "m_mean"]].iloc[0].tolist() if len(result) else [None] * 3
    return {"seconds": seconds, **_outcome(result["customer_code"], result["rfm_class"], limits)}


def tutorial_way(data: Orders, params: Params) -> dict:
    """The common tutorial: a DataFrame of order rows, groupby(...).agg with Python lambdas.

    Building the frame (order IDs, codes as text, China-time datetimes) is not timed: a tutorial
    starts from a frame it has read; the figure is its compute alone.
    """
    df = pd.DataFrame({"order_id": data.order_ids(0, len(data)).astype(object),
                       "customer_code": data.codes.astype(object)[data.who],
                       "ordered_at": pd.to_datetime(data.ordered_at + CHINA_OFFSET, unit="s"),  # China time
                       "amount_fen": data.amount_fen})
    start, end = pd.Timestamp(params.start), pd.Timestamp(params.end)
    started = time.perf_counter()
    window = df[(df["ordered_at"] >= start) & (df["ordered_at"] < end + pd.Timedelta(days=1))]
    purchases = window[window["amount_fen"] > 0]
    rfm = purchases.groupby("customer_code").agg({
        "ordered_at": lambda x: (end - x.max().normalize()).days,
        "order_id": lambda x: len(x),
    })
    rfm.columns = ["recency_days", "frequency"]
    net = window.groupby("customer_code").agg({"amount_fen": lambda x: x.sum()})["amount_fen"]
    rfm["monetary"] = net.reindex(rfm.index) / rfm["frequency"]
    means = rfm.mean()
    rfm["rfm_class"] = (np.where(rfm["monetary"] >= means["monetary"] - TOLERANCE, 0, 4)
                        + np.where(rfm["recency_days"] <= means["recency_days"] + TOLERANCE, 0, 2)
                        + np.where(rfm["frequency"] >= means["frequency"] - TOLERANCE, 0, 1))
    seconds = time.perf_counter() - started
    limits = [float(means[name]) for name in ("recency_days", "frequency", "monetary")]
    return {"seconds": seconds, **_outcome(rfm.index.to_series(), rfm["rfm_class"], limits)}


def _outcome(codes: pd.Series, classes: pd.Series, limits) -> dict:
    """Class counts, thresholds (R, F, M) and a digest of (customer, class) pairs for a per-customer check."""
    codes = np.asarray(codes, dtype="U")
    classes = np.asarray(classes, dtype=np.int8)
    order = np.argsort(codes)
    digest = hashlib.sha256(codes[order].tobytes() + classes[order].tobytes()).hexdigest()[:16]
    return {"counts": np.bincount(classes, minlength=CLASSES).tolist(), "thresholds": limits, "digest": digest}
