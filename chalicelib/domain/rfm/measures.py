"""R, F and M per customer from a window's orders.

Rules (SPEC §5, and the choices it leaves open):
- A purchase is an order with a positive amount. R and F count purchases only.
- A return (negative amount) reduces M and is not counted in F; a customer whose window holds
  returns but no purchase has no purchase in the window.
- A zero-amount order (a gift, a points redemption) is neither: it changes none of R, F or M.
- R: whole calendar days (China time) from the last purchase's date to the end date.
- F: purchases in the window.
- M: the window's net amount (purchases plus returns) divided by F ("avg", 客单价), or the
  net amount itself ("total"). Kept in fen as a float: an average need not be whole fen.
"""
from dataclasses import dataclass

import numpy as np
import pandas as pd

from chalicelib.domain.rfm.params import DAY, Params

CHINA_OFFSET = 8 * 3600
COLUMNS = ("customer_code", "recency_days", "frequency", "monetary", "net_fen")


@dataclass(frozen=True)
class OrderColumns:
    """Orders as columns: customers[code[i]] placed order i at ordered_at[i] (UTC epoch s) for amount_fen[i].

    `customers` holds each customer code once, as text or as UTF-8 bytes (as the order store keeps
    them: a million codes need no decoding to be analysed and stored again).
    """

    code: np.ndarray
    customers: np.ndarray
    ordered_at: np.ndarray
    amount_fen: np.ndarray

    @classmethod
    def of(cls, orders) -> "OrderColumns":
        """From a frame with customer_code (text or Categorical), ordered_at and amount_fen."""
        if isinstance(orders, cls):
            return orders
        column = orders["customer_code"]
        if isinstance(column.dtype, pd.CategoricalDtype):
            code, customers = np.asarray(column.cat.codes), np.asarray(column.cat.categories)
        else:
            code, customers = pd.factorize(np.asarray(column, dtype=object))
        return cls(code, np.asarray(customers), np.asarray(orders["ordered_at"], dtype=np.int64),
                   np.asarray(orders["amount_fen"], dtype=np.int64))


def measure(orders, params: Params, exclude=()) -> pd.DataFrame:
    """One row per customer with a purchase in the window (in the order of `customers`).

    `orders`: OrderColumns, or a frame OrderColumns.of accepts; orders outside the window, and
    customers whose code is in `exclude`, are left out.
    """
    columns = OrderColumns.of(orders)
    codes, categories = columns.code, columns.customers
    at, amount = columns.ordered_at, columns.amount_fen
    keep = None
    if len(at) and (at.min() < params.first_second or at.max() > params.last_second):
        keep = (at >= params.first_second) & (at <= params.last_second)
    if len(exclude):
        excluded = _among(categories, exclude)[codes]
        keep = ~excluded if keep is None else keep & ~excluded
    if keep is not None:
        codes, at, amount = codes[keep], at[keep], amount[keep]
    size = len(categories)
    net: np.ndarray = np.zeros(size, dtype=np.int64)
    np.add.at(net, codes, amount)
    if len(amount) and amount.min() <= 0:  # masks cost time: only when there are returns or zero amounts
        bought = amount > 0
        codes, at = codes[bought], at[bought]
    frequency: np.ndarray = np.zeros(size, dtype=np.int64)
    np.add.at(frequency, codes, 1)
    last_at = np.full(size, np.iinfo(np.int64).min)
    np.maximum.at(last_at, codes, at)
    who = np.flatnonzero(frequency > 0)
    frequency, net = frequency[who], net[who]
    monetary = net / frequency if params.m_mode == "avg" else net.astype(np.float64)
    return pd.DataFrame({"customer_code": np.asarray(categories)[who],
                         "recency_days": params.end_day - (last_at[who] + CHINA_OFFSET) // DAY,
                         "frequency": frequency,
                         "monetary": monetary, "net_fen": net})


def _among(customers: np.ndarray, codes) -> np.ndarray:
    """True per customer whose code is one of `codes` (text), whether customers are text or bytes."""
    wanted = [str(code).encode("utf-8") if customers.dtype.kind == "S" else str(code) for code in codes]
    return pd.Index(customers).isin(wanted)
