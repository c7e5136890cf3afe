"""Order keys: stable 64-bit hashes of order IDs."""
import subprocess
import sys

import numpy as np

from chalicelib.domain.order_keys import order_keys


def test_known_ids_keep_their_pinned_keys():
    # Stored keys depend on these values: if a library upgrade moves them, dedupe breaks.
    keys = order_keys(["SO20260301001", "订单-1", ""])
    assert keys.dtype == np.uint64
    assert keys.tolist() == [8890913438125339862, 6516321374285554253, 1760245841805064774]


def test_keys_are_the_same_in_another_process():
    code = "from chalicelib.domain.order_keys import order_keys; print(order_keys(['SO-7'])[0])"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345"}, cwd=".")
    assert int(other.stdout) == order_keys(["SO-7"])[0]


def test_different_ids_get_different_keys_and_equal_ids_equal_keys():
    keys = order_keys([f"SO{i:08d}" for i in range(10_000)] + ["SO00000001"])
    assert len(np.unique(keys[:-1])) == 10_000
    assert keys[-1] == keys[1]


def test_no_ids_give_an_empty_key_array():
    assert order_keys([]).dtype == np.uint64 and order_keys([]).size == 0
