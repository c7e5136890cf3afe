"""Generated orders for the RFM benchmark: one tenant, 24 months, realistic skew.

- Orders per customer: Pareto (shape 0.9, at most 800) — about 70 % of customers buy 1-3 times,
  the median is 2, the top 1 % a few hundred times; the draw is then nudged to the exact total.
- Each customer buys between two random dates of the 24 months (one order: one date), so the
  days since the last purchase spread over the whole history.
- Amounts: lognormal in fen around a per-customer level (median order about 80 yuan); 3 % of
  orders are returns (negative), 0.2 % zero-amount gifts, which SPEC §5 counts as neither.
"""
from dataclasses import dataclass

import numpy as np
import pandas as pd

from chalicelib.adapters.customer_codes import CustomerCodeIndex
from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.customer_records import blank_columns

HISTORY_START = 1704038400  # 2024-01-01 00:00 China time
DAYS = 731  # 2024-01-01 .. 2025-12-31, both included (2024 is a leap year)
FIRST_DATE, LAST_DATE = "2024-01-01", "2025-12-31"
BATCHES = 20
PARETO_SHAPE, MOST_ORDERS = 0.9, 800
RETURNS, GIFTS = 0.03, 0.002
CREATED_AT = "2024-01-01T00:00:00Z"


@dataclass
class Orders:
    """Orders in time order: customer number (index into codes), UTC epoch second, amount in fen."""

    who: np.ndarray  # int32
    ordered_at: np.ndarray  # int64
    amount_fen: np.ndarray  # int64
    codes: np.ndarray  # 'U' customer codes, one per customer

    def __len__(self) -> int:
        return len(self.who)

    def order_ids(self, first: int, stop: int) -> np.ndarray:
        """IDs of orders first..stop-1 (numbered in time order, so every ID is unique)."""
        return np.strings.add("SO", (10 ** 12 + np.arange(first, stop)).astype("U13"))

    def frame(self, first: int = 0, stop: int | None = None) -> pd.DataFrame:
        """The orders as an import hands them to OrderStore.write_batch."""
        stop = len(self) if stop is None else stop
        return pd.DataFrame({"order_id": self.order_ids(first, stop),
                             "customer_code": self.codes.astype(object)[self.who[first:stop]],
                             "ordered_at": self.ordered_at[first:stop], "amount_fen": self.amount_fen[first:stop]})


def generate(seed: int, orders: int, customers: int) -> Orders:
    if orders < customers:
        raise ValueError("every customer has at least one order: --orders must be >= --customers")
    rng = np.random.default_rng(seed)
    counts = _orders_per_customer(rng, orders, customers)
    who = np.repeat(np.arange(customers, dtype=np.int32), counts)
    first, last = np.sort(rng.random((2, customers)), axis=0)  # each customer's active stretch
    span = np.where(counts == 1, 0.0, last - first)
    at = HISTORY_START + ((first[who] + rng.random(orders) * span[who]) * DAYS * 86400).astype(np.int64)
    level = rng.normal(np.log(8000), 0.5, customers)
    amount = np.maximum(rng.lognormal(level[who], 0.7), 100).astype(np.int64)
    kind = rng.random(orders)
    amount[kind < RETURNS] *= -1
    amount[(kind >= RETURNS) & (kind < RETURNS + GIFTS)] = 0
    order = np.argsort(at, kind="stable")
    return Orders(who[order], at[order], amount[order], customer_codes(customers))


def customer_codes(customers: int) -> np.ndarray:
    """C0000001, C0000002, ..."""
    return np.strings.add("C", np.strings.zfill(np.arange(1, customers + 1).astype("U7"), 7))


def _orders_per_customer(rng, orders: int, customers: int) -> np.ndarray:
    counts = np.minimum(np.floor(rng.pareto(PARETO_SHAPE, customers) + 1), MOST_ORDERS).astype(np.int64)
    missing = orders - int(counts.sum())
    if missing > 0:  # more orders to the customers who already buy most, so the shape is kept
        counts += rng.multinomial(missing, counts / counts.sum())
    while missing < 0:  # fewer: take orders away at random, never a customer's last one
        spare = np.repeat(np.arange(customers), counts - 1)
        taken = rng.choice(spare, min(-missing, len(spare)), replace=False)
        np.subtract.at(counts, taken, 1)
        missing = orders - int(counts.sum())
    return counts


def store(tenant_id: str, data: Orders) -> None:
    """The orders as BATCHES imports, the tenant's customer code index and its customer table."""
    order_store, bounds = OrderStore(tenant_id), np.linspace(0, len(data), BATCHES + 1).astype(np.int64)
    for batch, (first, stop) in enumerate(zip(bounds[:-1], bounds[1:])):
        order_store.write_batch(f"history-{batch:02d}", data.frame(first, stop))
    CustomerCodeIndex(tenant_id).add(data.codes)
    CustomerTable(tenant_id).replace(blank_columns(data.codes, CREATED_AT))


def write_parquet(data: Orders, path: str) -> dict:
    """The same orders (customer_code, ordered_at, amount_fen) as one Parquet file, written by DuckDB."""
    import duckdb

    frame = pd.DataFrame({"customer_code": data.codes.astype(object)[data.who], "ordered_at": data.ordered_at,
                          "amount_fen": data.amount_fen})
    with duckdb.connect() as connection:
        connection.register("orders_frame", frame)
        connection.execute(f"COPY orders_frame TO '{path}' (FORMAT PARQUET)")
    return {}
