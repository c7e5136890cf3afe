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
(a) ours: analysis_run.run_and_save — read the stored orders from (moto) S3, analyse, write the
    per-customer result object and the saved header — then, timed apart, class_update.changes:
    the customers whose class item would be written (the DynamoDB writes themselves excluded);
(b) DuckDB: connect, one SQL statement over the Parquet file, fetch the result as a DataFrame;
(c) the tutorial way: groupby(...).agg with Python lambdas over a DataFrame of order rows;
(d) analysis_run.preview of the small tenant, median of 5.
All three full-size ways must give the same customers the same classes: the class counts are
printed and compared, and so is a digest of the (customer, class) pairs; a difference fails the run.
"""
from bench._orders_store import _in_child, _release_free_memory, _status_bytes  # noqa: I001  (sets fake AWS credentials first)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from moto import mock_aws  # noqa: E402

from bench import _rfm_data as data_gen  # noqa: E402
from bench._rfm_reference import _outcome, duckdb_way, tutorial_way  # noqa: E402
from chalicelib import config  # noqa: E402
from chalicelib.adapters.aws import client, reset_clients  # noqa: E402
from chalicelib.adapters.models import ALL_MODELS  # noqa: E402
from chalicelib.domain.rfm.params import parse_params  # noqa: E402
from chalicelib.domain.rfm_classes import CLASS_NAMES  # noqa: E402
from local.bootstrap import bootstrap, load_template  # noqa: E402

TENANT, PREVIEW_TENANT = "bench-rfm", "bench-rfm-preview"
PREVIEW_RUNS = 5
BATCH_WRITE_ITEMS = 25  # DynamoDB BatchWriteItem: at most 25 items a call
GB = 2 ** 30
TARGET_VS_DUCKDB, TARGET_VS_TUTORIAL, TARGET_MEMORY, TARGET_PREVIEW = 2.0, 10.0, 3 * GB, 1.0


def run(orders: int, customers: int, preview_orders: int, profile: bool = False) -> tuple[list[str], bool]:
    params = parse_params(data_gen.FIRST_DATE, data_gen.LAST_DATE)
    with mock_aws(), tempfile.TemporaryDirectory() as folder:
        _create_resources()
        started = time.perf_counter()
        data = data_gen.generate(2026, orders, customers)
        data_gen.store(TENANT, data)
        parquet = os.path.join(folder, "orders.parquet")
        _in_child(data_gen.write_parquet, data, parquet)  # DuckDB's threads stay out of the parent
        small = data_gen.generate(7, preview_orders, max(preview_orders // 10, 1))
        data_gen.store(PREVIEW_TENANT, small)
        del small
        _warm_clients()
        setup = time.perf_counter() - started
        _release_free_memory()
        ours = _in_child(_ours, TENANT, params, profile)
        duck = _in_child(duckdb_way, parquet, params)
        tutorial = _in_child(tutorial_way, data, params)
        preview = _in_child(_preview, PREVIEW_TENANT, params)
        parquet_bytes = os.path.getsize(parquet)
    reset_clients()
    return _report(orders, customers, preview_orders, params, setup, parquet_bytes, ours, duck, tutorial, preview)


def _create_resources() -> None:
    """As tests/integration/conftest.py does."""
    reset_clients()
    for model in ALL_MODELS:
        model._connection = None
    resources = bootstrap(client("dynamodb"), client("s3"), load_template(), config.frontend_origin(),
                          sqs=client("sqs"), events=client("events"))
    os.environ["IMPORT_QUEUE_URL"] = resources.queues["ImportQueue"]
    os.environ["ANALYSIS_QUEUE_URL"] = resources.queues["AnalysisQueue"]


def _warm_clients() -> None:
    """Create the analyses table's PynamoDB connection before forking, as a warm Lambda already has it
    (the S3 and SQS clients exist from setup); creating it costs about 0.1 s, once per container."""
    from chalicelib.adapters import analysis_store

    analysis_store.get_header(TENANT, "warm-up")


def _ours(tenant_id: str, params, profile: bool) -> dict:
    start = _status_bytes("VmRSS")  # _measure has just reset the peak to this
    from chalicelib.adapters.analysis_store import ResultStore
    from chalicelib.services.analysis_run import run_and_save
    from chalicelib.services.class_update import changes

    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    header = run_and_save(tenant_id, params, username="bench")
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    peak = _status_bytes("VmHWM")
    classes = header.get("classes") or header["summary"]["classes"]
    counts = [classes[name]["count"] for name in CLASS_NAMES]
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    delta_start = _status_bytes("VmRSS")
    started = time.perf_counter()
    moved = changes(tenant_id, header["analysis_id"])
    delta_seconds = time.perf_counter() - started
    delta_peak = _status_bytes("VmHWM")
    result = ResultStore(tenant_id).read(header["analysis_id"])  # the saved per-customer result, for the check
    thresholds = header["summary"]["thresholds"]
    outcome = _outcome(result["customer_code"], result["rfm_class"],
                       [thresholds[name] for name in ("recency_days", "frequency", "monetary")])
    if outcome["counts"] != counts:
        raise AssertionError(f"header class counts {counts} differ from the saved result's {outcome['counts']}")
    return {"seconds": seconds, "run_peak": peak, "run_grown": peak - start, **outcome,
            "delta_seconds": delta_seconds, "moved": len(moved), "delta_grown": delta_peak - delta_start,
            "orders_in_window": header["summary"].get("orders_in_window"),
            "profile": _profile_lines(profiler) if profiler else None}


def _preview(tenant_id: str, params) -> dict:
    from chalicelib.services.analysis_run import preview

    times = []
    for _ in range(PREVIEW_RUNS):
        started = time.perf_counter()
        view = preview(tenant_id, params, username="bench")
        times.append(time.perf_counter() - started)
    return {"times": times, "customers": view["customers_analysed"], "orders": view["orders_in_window"]}


def _profile_lines(profiler: cProfile.Profile, lines: int = 25) -> str:
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(lines)
    return text.getvalue()


def _report(orders, customers, preview_orders, params, setup, parquet_bytes, ours, duck, tutorial, preview):
    ok = lambda passed: "✔" if passed else "✘"  # noqa: E731
    vs_duckdb = ours["seconds"] / duck["seconds"]
    vs_tutorial = tutorial["seconds"] / ours["seconds"]
    preview_median = statistics.median(preview["times"])
    same_counts = ours["counts"] == duck["counts"] == tutorial["counts"]
    same_customers = ours["digest"] == duck["digest"] == tutorial["digest"]
    lines = [
        f"setup (not measured): {orders:,} orders of {customers:,} customers, {params.start} .. {params.end}"
        f" (the whole 24 months), 20 batches in moto S3, customer snapshot, Parquet {parquet_bytes / 2 ** 20:.0f} MB;"
        f" preview tenant {preview_orders:,} orders; {setup:.1f} s",
        f"(a) ours, run_and_save (S3 orders -> saved snapshot, class writes excluded): {ours['seconds']:.2f} s,"
        f" {ours['orders_in_window']:,} purchases in the window",
        f"(b) DuckDB, Parquet -> per-customer classes (connect + SQL + fetch .df()): {duck['seconds']:.2f} s",
        f"(c) tutorial, groupby(...).agg with Python lambdas (compute only): {tutorial['seconds']:.1f} s",
        f"ours / DuckDB: {vs_duckdb:.2f}x (target <= {TARGET_VS_DUCKDB:g}x) {ok(vs_duckdb <= TARGET_VS_DUCKDB)}",
        f"tutorial / ours: {vs_tutorial:.1f}x (target >= {TARGET_VS_TUTORIAL:g}x) {ok(vs_tutorial >= TARGET_VS_TUTORIAL)}",
        f"peak memory of ours (VmHWM): {ours['run_peak'] / GB:.2f} GB whole process incl. moto's copy of the bucket,"
        f" {ours['run_grown'] / GB:.2f} GB above the child's start (target < 3 GB)"
        f" {ok(ours['run_peak'] < TARGET_MEMORY)}",
        f"  for scale: DuckDB {duck['grown'] / GB:.2f} GB, tutorial {tutorial['grown'] / GB:.2f} GB above the child's start"
        f" (tutorial incl. building its frame)",
        f"class writes (separate): changes() {ours['delta_seconds']:.2f} s, {ours['moved']:,} customer items to write"
        f" = {math.ceil(ours['moved'] / BATCH_WRITE_ITEMS):,} BatchWriteItem calls of {BATCH_WRITE_ITEMS},"
        f" peak +{ours['delta_grown'] / GB:.2f} GB",
        f"preview of {preview['orders']:,} purchases / {preview['customers']:,} customers"
        f" (tenant of {preview_orders:,} orders): median {preview_median * 1000:.0f} ms of {PREVIEW_RUNS}"
        f" ({', '.join(f'{t * 1000:.0f}' for t in preview['times'])} ms) (target < 1 s)"
        f" {ok(preview_median < TARGET_PREVIEW)}",
        "class counts (" + ", ".join(CLASS_NAMES) + "):",
        f"  ours     {ours['counts']}",
        f"  DuckDB   {duck['counts']}",
        f"  tutorial {tutorial['counts']}",
        f"thresholds R / F / M (fen): ours {_limits(ours)}, DuckDB {_limits(duck)}, tutorial {_limits(tutorial)}",
        f"agreement: class counts {'the same' if same_counts else 'DIFFER'} {ok(same_counts)}; per customer"
        f" (digest of sorted (code, class) pairs: {ours['digest']} / {duck['digest']} / {tutorial['digest']})"
        f" {'the same' if same_customers else 'DIFFER'} {ok(same_customers)}",
    ]
    if ours["profile"]:
        lines += ["", "cProfile of run_and_save (cumulative):", ours["profile"]]
    return lines, same_counts and same_customers


def _limits(outcome: dict) -> str:
    return " / ".join(f"{value:.4f}" for value in outcome["thresholds"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--preview-orders", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="200,000 orders / 20,000 customers")
    parser.add_argument("--profile", action="store_true", help="cProfile run_and_save, print the top lines")
    options = parser.parse_args()
    if options.quick:
        options.orders, options.customers = 200_000, 20_000
    report, agreed = run(options.orders, options.customers, options.preview_orders, options.profile)
    print("\n".join(report))
    if not agreed:
        sys.exit("FAILED: ours, DuckDB and the tutorial way do not give the same classes")
