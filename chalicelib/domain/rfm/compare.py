"""How customers moved between two analyses: the transition matrix and who moved up or down.

Positions follow the SPEC table (0 = 重要价值客户 ... 7 = 一般挽留客户); a customer with no
purchase in an analysis' window sits at position 8 (无购买), below every class. Moving up means
a lower position: from no purchase into any class is up, from any class to no purchase is down.
Customers with no purchase in either window are not counted (the no-purchase corner stays 0).
"""
import numpy as np
import pandas as pd

from chalicelib.domain.rfm_classes import CLASS_NAMES, NO_PURCHASE

POSITIONS = (*CLASS_NAMES, NO_PURCHASE)
NONE = len(CLASS_NAMES)  # the no-purchase position


def transitions(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per customer in either analysis: customer_code, from_position, to_position.

    `before` and `after` have customer_code and rfm_class (position 0-7) for their customers.
    """
    codes = pd.Index(before["customer_code"]).union(pd.Index(after["customer_code"]), sort=False)
    return pd.DataFrame({"customer_code": np.asarray(codes),
                         "from_position": _positions(codes, before), "to_position": _positions(codes, after)})


def matrix(moves: pd.DataFrame) -> list[list[int]]:
    """matrix[from][to]: customer counts over the 9 positions (8 classes, then no purchase)."""
    size = len(POSITIONS)
    cell = moves["from_position"].to_numpy(np.int64) * size + moves["to_position"].to_numpy(np.int64)
    counts = np.bincount(cell, minlength=size * size).reshape(size, size)
    return counts.tolist()


def direction(moves: pd.DataFrame) -> np.ndarray:
    """-1 moved up, 0 stayed, +1 moved down, per row."""
    return np.sign(moves["to_position"].to_numpy(np.int64) - moves["from_position"].to_numpy(np.int64))


def _positions(codes: pd.Index, analysis: pd.DataFrame) -> np.ndarray:
    at = pd.Index(analysis["customer_code"]).get_indexer(codes)
    classes = np.asarray(analysis["rfm_class"], dtype=np.int64)
    return np.where(at >= 0, classes[np.maximum(at, 0)] if len(classes) else NONE, NONE).astype(np.int8)
