"""RFM analysis at scale: ours from stored orders to a saved snapshot, against DuckDB and the tutorial way.

    .venv/bin/python -m bench.rfm                  # 10,000,000 orders / 1,000,000 customers (several minutes)
    .venv/bin/python -m bench.rfm --quick          # 200,000 / 20,000, to try it
    .venv/bin/python -m bench.rfm --profile        # also cProfile ours, top lines printed

Setup (not measured): in moto (mock_aws), every table, bucket and queue of infra/resources.json as
the integration tests create them; one tenant's generated orders (bench/_rfm_data.py: Pareto
orders per customer, lognormal amounts, 3 % returns, 24 months) stored as 20 import batches with
OrderStore, its customer code index, and its customer snapshot written directly (writing a
million customer items to moto's DynamoDB would take hours); the same orders as a Parquet file
(written by DuckDB) on local disk; a second tenant with 100,000 orders for the preview.

Measured, each in a forked child (peak memory = VmHWM, as in bench/_orders_store.py):
(a) ours: services/analyses/run.py run_and_save — read the stored orders from (moto) S3, analyse, write the
    per-customer result object and the saved header — then, timed apart, class_update.changes:
    the customers whose class item would be written (the DynamoDB writes themselves excluded);
(b) DuckDB: connect, one SQL statement over the Parquet file, fetch the result as a DataFrame
    (ours and DuckDB: the median of 3 runs);
(c) the tutorial way: groupby(...).agg with Python lambdas over a DataFrame of order rows;
(d) services/analyses/run.py preview of the small tenant, median of 5.
All three full-size ways must give the same customers the same classes: the class counts are
printed and compared, and so is a digest of the (customer, class) pairs; a difference fails the run.
"""

from bench._orders_store import _in_child, _release_free_memory  # noqa: I001  (first: sets fake AWS credentials)

import argparse  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from moto import mock_aws  # noqa: E402

from bench import _rfm_data as data_gen, _rfm_steps as steps  # noqa: E402
from bench._rfm_reference import tutorial_way  # noqa: E402
from chalicelib.adapters.aws import reset_clients  # noqa: E402
from chalicelib.domain.rfm.params import parse_params  # noqa: E402
from chalicelib.domain.rfm_classes import CLASS_NAMES  # noqa: E402

TENANT, PREVIEW_TENANT = "bench-rfm", "bench-rfm-preview"
BATCH_WRITE_ITEMS = 25  # DynamoDB BatchWriteItem: at most 25 items a call
GB = 2 ** 30
TARGET_VS_DUCKDB, TARGET_VS_TUTORIAL, TARGET_MEMORY, TARGET_PREVIEW = 2.0, 10.0, 3 * GB, 1.0


def run(orders: int, customers: int, preview_orders: int, profile: bool = False) -> tuple[list[str], bool]:
    params = parse_params(data_gen.FIRST_DATE, data_gen.LAST_DATE)
    with mock_aws(), tempfile.TemporaryDirectory() as folder:
        steps.create_resources()
        started = time.perf_counter()
        data = data_gen.generate(2026, orders, customers)
        data_gen.store(TENANT, data)
        parquet = os.path.join(folder, "orders.parquet")
        _in_child(data_gen.write_parquet, data, parquet)  # DuckDB's threads stay out of the parent
        data_gen.store(PREVIEW_TENANT, data_gen.generate(7, preview_orders, max(preview_orders // 10, 1)))
        steps.warm_clients(TENANT)
        setup = {"orders": orders, "customers": customers, "preview_orders": preview_orders, "params": params,
                 "seconds": time.perf_counter() - started, "parquet_bytes": os.path.getsize(parquet)}
        _release_free_memory()
        ours = _in_child(steps.ours, TENANT, params, profile)
        duck = _in_child(steps.duckdb_runs, parquet, params)
        tutorial = _in_child(tutorial_way, data, params)
        preview = _in_child(steps.preview, PREVIEW_TENANT, params)
    reset_clients()
    lines, agreed = _agreement(ours, duck, tutorial)
    lines = _setup_line(setup) + _speed(ours, duck, tutorial) + _memory_and_writes(ours, duck, tutorial) \
        + _preview(preview, preview_orders) + lines
    if ours["profile"]:
        lines += ["", "cProfile of one more run_and_save (not one of the timed runs):", ours["profile"]]
    return lines, agreed


def _setup_line(setup: dict) -> list[str]:
    params = setup["params"]
    return [f"setup (not measured): {setup['orders']:,} orders of {setup['customers']:,} customers, window"
            f" {params.start} .. {params.end} (all 24 months), 20 batches in moto S3, customer snapshot, Parquet"
            f" {setup['parquet_bytes'] / 2 ** 20:.0f} MB; preview tenant {setup['preview_orders']:,} orders;"
            f" {setup['seconds']:.1f} s"]


def _speed(ours: dict, duck: dict, tutorial: dict) -> list[str]:
    vs_duckdb, vs_tutorial = ours["seconds"] / duck["seconds"], tutorial["seconds"] / ours["seconds"]
    return [
        f"(a) ours, run_and_save (S3 orders -> saved snapshot, class writes excluded): {ours['seconds']:.2f} s"
        f" (median of {_times(ours)} s), {ours['orders_in_window']:,} purchases in the window",
        f"(b) DuckDB, Parquet -> per-customer classes (connect + SQL + fetch .df()): {duck['seconds']:.2f} s"
        f" (median of {_times(duck)} s)",
        f"(c) tutorial, groupby(...).agg with Python lambdas (compute only): {tutorial['seconds']:.1f} s",
        f"ours / DuckDB: {vs_duckdb:.2f}x (target <= {TARGET_VS_DUCKDB:g}x) {_ok(vs_duckdb <= TARGET_VS_DUCKDB)}",
        f"tutorial / ours: {vs_tutorial:.1f}x (target >= {TARGET_VS_TUTORIAL:g}x)"
        f" {_ok(vs_tutorial >= TARGET_VS_TUTORIAL)}",
    ]


def _memory_and_writes(ours: dict, duck: dict, tutorial: dict) -> list[str]:
    return [
        f"peak memory of ours (VmHWM): {ours['run_peak'] / GB:.2f} GB whole process incl. moto's copy of the"
        f" bucket, {ours['run_grown'] / GB:.2f} GB above the child's start (target < 3 GB)"
        f" {_ok(ours['run_peak'] < TARGET_MEMORY)}",
        f"  for scale: DuckDB {duck['grown'] / GB:.2f} GB, tutorial {tutorial['grown'] / GB:.2f} GB above the"
        " child's start (the tutorial's incl. building its frame)",
        f"class writes (counted apart): changes() {ours['delta_seconds']:.2f} s, {ours['moved']:,} customer items"
        f" to write = {math.ceil(ours['moved'] / BATCH_WRITE_ITEMS):,} BatchWriteItem calls of {BATCH_WRITE_ITEMS},"
        f" peak +{ours['delta_grown'] / GB:.2f} GB",
    ]


def _preview(preview: dict, preview_orders: int) -> list[str]:
    median = statistics.median(preview["times"])
    return [f"(d) preview of {preview['orders']:,} purchases / {preview['customers']:,} customers (tenant of"
            f" {preview_orders:,} orders): median {median * 1000:.0f} ms of {steps.PREVIEW_RUNS}"
            f" ({', '.join(f'{seconds * 1000:.0f}' for seconds in preview['times'])} ms) (target < 1 s)"
            f" {_ok(median < TARGET_PREVIEW)}"]


def _agreement(ours: dict, duck: dict, tutorial: dict) -> tuple[list[str], bool]:
    same_counts = ours["counts"] == duck["counts"] == tutorial["counts"]
    same_customers = ours["digest"] == duck["digest"] == tutorial["digest"]
    return [
        "class counts (" + ", ".join(CLASS_NAMES) + "):",
        f"  ours     {ours['counts']}",
        f"  DuckDB   {duck['counts']}",
        f"  tutorial {tutorial['counts']}",
        f"thresholds R / F / M (fen): ours {_limits(ours)}, DuckDB {_limits(duck)}, tutorial {_limits(tutorial)}",
        f"agreement: class counts {'the same' if same_counts else 'DIFFER'} {_ok(same_counts)}; per customer"
        f" (digest of sorted (code, class) pairs: {ours['digest']} / {duck['digest']} / {tutorial['digest']})"
        f" {'the same' if same_customers else 'DIFFER'} {_ok(same_customers)}",
    ], same_counts and same_customers


def _ok(passed: bool) -> str:
    return "✔" if passed else "✘"


def _times(outcome: dict) -> str:
    return ", ".join(f"{seconds:.2f}" for seconds in outcome["times"])


def _limits(outcome: dict) -> str:
    return " / ".join(f"{value:.4f}" for value in outcome["thresholds"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--preview-orders", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="200,000 orders / 20,000 customers")
    parser.add_argument("--profile", action="store_true", help="also cProfile one run_and_save, print the top lines")
    options = parser.parse_args()
    if options.quick:
        options.orders, options.customers = 200_000, 20_000
    report, agreed = run(options.orders, options.customers, options.preview_orders, options.profile)
    print("\n".join(report))
    if not agreed:
        sys.exit("FAILED: ours, DuckDB and the tutorial way do not give every customer the same class")
