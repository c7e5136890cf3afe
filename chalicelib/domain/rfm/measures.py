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
import numpy as np
import pandas as pd

from chalicelib.domain.rfm.params import DAY, Params

CHINA_OFFSET = 8 * 3600
COLUMNS = ("customer_code", "recency_days", "frequency", "monetary", "net_fen")


def measure(orders: pd.DataFrame, params: Params, exclude=()) -> pd.DataFrame:
    """One row per customer with a purchase in the window (in the order of `orders`' categories).

    `orders` has customer_code (Categorical or text), ordered_at (UTC epoch seconds) and
    amount_fen; orders outside the window, and customers in `exclude`, are left out.
    """
    codes, categories = _codes(orders["customer_code"])
    at = np.asarray(orders["ordered_at"], dtype=np.int64)
    amount = np.asarray(orders["amount_fen"], dtype=np.int64)
    keep = None
    if len(at) and (at.min() < params.first_second or at.max() > params.last_second):
        keep = (at >= params.first_second) & (at <= params.last_second)
    if len(exclude):
        excluded = pd.Index(categories).isin(list(exclude))[codes]
        keep = ~excluded if keep is None else keep & ~excluded
    if keep is not None:
        codes, at, amount = codes[keep], at[keep], amount[keep]
    size = len(categories)
    net = np.zeros(size, dtype=np.int64)
    np.add.at(net, codes, amount)
    if len(amount) and amount.min() <= 0:  # masks cost time: only when there are returns or zero amounts
        bought = amount > 0
        codes, at = codes[bought], at[bought]
    frequency = np.zeros(size, dtype=np.int64)
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


def _codes(column) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return np.asarray(column.cat.codes), np.asarray(column.cat.categories)
    codes, categories = pd.factorize(np.asarray(column, dtype=object))
    return codes.astype(np.int64), np.asarray(categories)
