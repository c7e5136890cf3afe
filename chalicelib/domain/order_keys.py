"""64-bit keys of order IDs, used to find re-imported orders quickly.

The key is pandas' SipHash-2-4 of the UTF-8 bytes (`pd.util.hash_array` with
`categorize=False` and its fixed default hash key "0123456789123456"), followed by
pandas' fixed bit mixing. Nothing in it depends on the process (unlike Python's
`hash()`), so keys written today match keys computed in another Lambda or a later
release; tests/unit/test_order_keys.py pins known values so a library change that
moved them would fail loudly instead of silently breaking dedupe. Keys may collide:
callers confirm a key match by comparing the order ID strings.
"""
import numpy as np
import pandas as pd


def order_keys(order_ids) -> np.ndarray:
    """uint64 key of each order ID string, in input order."""
    ids = np.asarray(order_ids, dtype=object)
    if ids.size == 0:
        return np.empty(0, dtype=np.uint64)
    return pd.util.hash_array(ids, categorize=False)
