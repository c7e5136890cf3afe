"""Order store at scale: dedupe and write one import against a large stored history (in-process moto S3).

    .venv/bin/python -m bench._orders_store --new 1000000 --stored 10000000

Setup (not measured) stores `stored` orders of one tenant as 20 import batches over 24 months,
plus the tenant's customer code index. Each measured step then runs in a forked child process.
Memory is the child's peak resident set (VmHWM in /proc/self/status, reset through
/proc/self/clear_refs as the child starts), given twice: the whole process — which includes
moto's in-process copy of every stored object, held in S3 in production — and the growth above
the child's starting size, which is what the step itself needed.
"""
import os

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
})
os.environ.pop("AWS_ENDPOINT_URL", None)

import argparse  # noqa: E402  (after the fake credentials, before any boto3 client exists)
import ctypes  # noqa: E402
import gc  # noqa: E402
import multiprocessing  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib import config  # noqa: E402
from chalicelib.adapters.aws import client, reset_clients  # noqa: E402
from chalicelib.adapters.order_store import CustomerCodeIndex, OrderStore  # noqa: E402

TENANT = "bench-tenant"
BATCHES, MONTHS = 20, 24
HISTORY_START = 1704038400  # 2024-01-01 00:00 China time
MONTH = 30.44 * 86400
GB = 2 ** 30


def run(new: int = 1_000_000, stored: int = 10_000_000) -> list[str]:
    with mock_aws():
        reset_clients()
        client("s3").create_bucket(Bucket=config.data_bucket())
        rng = np.random.default_rng(2026)
        customers = max(stored // 10, 1000)
        started = time.perf_counter()
        _store_history(rng, stored, customers)
        incoming, duplicates = _incoming(rng, new, stored, customers)
        setup = time.perf_counter() - started
        _release_free_memory()
        write = _in_child(_dedupe_and_write, incoming)
        read = _in_child(_read_all)
        local = _in_child(_read_from_local_bytes)
        sizes = _bytes_by_kind()
    reset_clients()
    orders = stored  # the child's write stays in the child: the parent's bucket holds the history only
    return [
        "format: uncompressed .npz per batch and China-time month (int32 code index, int64 ordered_at, int64 "
        "amount_fen); order keys and IDs (fixed-width UTF-8) in separate per-batch objects; one tenant code dictionary",
        f"setup (not measured): {stored:,} orders in {BATCHES} batches over {MONTHS} months, {customers:,} customers,"
        f" {setup:.1f} s",
        f"dedupe + write {new:,} new orders ({duplicates:,} already stored, {write['found']:,} found,"
        f" {write['written']:,} written, {write['parked']:,} parked): {write['seconds']:.2f} s (target < 60 s)",
        f"  existing() {write['existing']:.2f} s, customer lookup {write['lookup']:.2f} s,"
        f" write_batch() {write['write']:.2f} s",
        f"peak memory of dedupe + write (VmHWM): {write['grown'] / GB:.2f} GB above the child's start,"
        f" {write['peak'] / GB:.2f} GB whole process incl. moto's copy of the bucket (target < 3 GB)",
        f"read_orders() of all {read['rows']:,} orders ({read['customers']:,} customers) through moto S3:"
        f" {read['seconds']:.2f} s, peak +{read['grown'] / GB:.2f} GB",
        f"read_orders() of the same from bytes already in memory: {local['seconds']:.2f} s",
        f"S3 bytes per order: {sum(sizes.values()) / orders:.1f} ("
        + ", ".join(f"{kind} {size / orders:.1f}" for kind, size in sizes.most_common()) + ")",
    ]


def _store_history(rng, stored: int, customers: int) -> None:
    store, first = OrderStore(TENANT), 0
    span = MONTHS * MONTH / BATCHES
    for batch in range(BATCHES):
        count = stored // BATCHES + (stored % BATCHES if batch == BATCHES - 1 else 0)
        start = HISTORY_START + batch * span
        store.write_batch(f"history-{batch:02d}", _orders(rng, np.arange(first, first + count), customers, start, span))
        first += count
    CustomerCodeIndex(TENANT).add(_codes(np.arange(customers)))


def _incoming(rng, new: int, stored: int, customers: int) -> tuple[pd.DataFrame, int]:
    duplicates = min(new // 10, stored)
    numbers = np.concatenate([rng.choice(stored, duplicates, replace=False), stored + np.arange(new - duplicates)])
    frame = _orders(rng, rng.permutation(numbers), customers, HISTORY_START + MONTHS * MONTH, MONTH)
    unknown = rng.random(new) < 0.01  # customers not imported yet
    frame.loc[unknown, "customer_code"] = np.strings.add("N", frame.loc[unknown, "customer_code"].to_numpy(str))
    return frame, duplicates


def _orders(rng, numbers: np.ndarray, customers: int, start: float, span: float) -> pd.DataFrame:
    count = len(numbers)
    who = (customers * rng.random(count) ** 2).astype(np.int64)  # a few customers buy most often
    return pd.DataFrame({
        "order_id": np.strings.add("SO", (10 ** 12 + numbers).astype("U13")),
        "customer_code": _codes(who),
        "ordered_at": (start + rng.random(count) * span).astype(np.int64),
        "amount_fen": np.maximum(rng.lognormal(np.log(8000), 0.9, count), 100).astype(np.int64),
    })


def _codes(numbers: np.ndarray) -> np.ndarray:
    return np.strings.add("C", (10 ** 7 + numbers).astype("U8"))


def _dedupe_and_write(incoming: pd.DataFrame) -> dict:
    store = OrderStore(TENANT)
    started = time.perf_counter()
    found = store.existing(incoming["order_id"])
    deduped = time.perf_counter()
    fresh = incoming[~found]
    codes = fresh["customer_code"].unique()
    unknown = codes[~CustomerCodeIndex(TENANT).contains(codes)]
    looked_up = time.perf_counter()
    entry = store.write_batch("import-new", fresh, unknown_codes=unknown)
    done = time.perf_counter()
    return {"seconds": done - started, "existing": deduped - started, "lookup": looked_up - deduped,
            "write": done - looked_up, "found": int(found.sum()), "written": entry["count"],
            "parked": sum(store.parked().values())}


def _read_all() -> dict:
    started = time.perf_counter()
    orders = OrderStore(TENANT).read_orders()
    return {"seconds": time.perf_counter() - started, "rows": len(orders),
            "customers": len(orders["customer_code"].cat.categories)}


class _LocalBytes:
    """Every object of the tenant, fetched beforehand, served from memory."""

    def __init__(self, keys: list[str], source):
        self.objects = dict(zip(keys, source.get_many(keys)))

    def get(self, key):
        return self.objects.get(key)

    def get_many(self, keys):
        return [self.objects.get(key) for key in keys]


def _read_from_local_bytes() -> dict:
    store = OrderStore(TENANT)
    store.s3 = _LocalBytes(list(_object_sizes()), store.s3)
    started = time.perf_counter()
    rows = len(store.read_orders())
    return {"seconds": time.perf_counter() - started, "rows": rows}


def _object_sizes() -> dict[str, int]:
    pages = client("s3").get_paginator("list_objects_v2").paginate(Bucket=config.data_bucket(),
                                                                   Prefix=f"orders/{TENANT}/")
    return {item["Key"]: item["Size"] for page in pages for item in page.get("Contents", [])}


def _bytes_by_kind() -> Counter:
    sizes = Counter()
    for key, size in _object_sizes().items():
        part = key.split("/")[2]
        sizes[part if part in ("keys", "ids", "parked") else "month" if part[:2] == "20" else part] += size
    return sizes


def _in_child(step, *args) -> dict:
    """Run step in a forked child; its result plus the child's peak memory."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_measure, args=(sender, step, args))
    child.start()
    result = receiver.recv()
    child.join()
    return result


def _measure(sender, step, args) -> None:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # reset the peak resident set to the current one
    start = _status_bytes("VmRSS")
    result = step(*args)
    peak = _status_bytes("VmHWM")
    sender.send({**result, "peak": peak, "grown": peak - start})


def _status_bytes(field: str) -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) * 1024


def _release_free_memory() -> None:
    """Hand setup's freed heap back to the OS so a child's starting size is live data only."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", type=int, default=1_000_000)
    parser.add_argument("--stored", type=int, default=10_000_000)
    options = parser.parse_args()
    print("\n".join(run(options.new, options.stored)))
