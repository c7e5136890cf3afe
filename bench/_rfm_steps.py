"""Setup and measured steps of bench/rfm.py; each step runs in a child forked by _orders_store._in_child."""
import cProfile
import io
import os
import pstats
import statistics
import time

from bench._orders_store import _status_bytes
from bench._rfm_reference import _outcome, duckdb_way
from chalicelib import config
from chalicelib.adapters.aws import client, reset_clients
from chalicelib.adapters.models import ALL_MODELS
from chalicelib.domain.rfm_classes import CLASS_NAMES
from local.bootstrap import bootstrap, load_template

RUNS = 3  # ours and DuckDB: the median of 3 runs (the machine's 2 cores are shared)
PREVIEW_RUNS = 5
MEASURES = ("recency_days", "frequency", "monetary")


def create_resources() -> None:
    """Every table, bucket and queue, as tests/integration/conftest.py creates them (inside mock_aws)."""
    reset_clients()
    for model in ALL_MODELS:
        model._connection = None
    resources = bootstrap(client("dynamodb"), client("s3"), load_template(), config.frontend_origin(),
                          sqs=client("sqs"), events=client("events"))
    os.environ["IMPORT_QUEUE_URL"] = resources.queues["ImportQueue"]
    os.environ["ANALYSIS_QUEUE_URL"] = resources.queues["AnalysisQueue"]


def warm_clients(tenant_id: str) -> None:
    """Create the analyses table's PynamoDB connection before forking, as a warm Lambda already has it
    (the S3 and SQS clients exist from setup): about 0.1 s, once per container, not per analysis."""
    from chalicelib.adapters import analysis_store

    analysis_store.get_header(tenant_id, "warm-up")


def ours(tenant_id: str, params, profile: bool) -> dict:
    """run_and_save RUNS times, then changes() of the last snapshot (timed and measured apart)."""
    start = _status_bytes("VmRSS")  # _measure has just reset the peak to this
    from chalicelib.services.analyses.run import run_and_save

    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        header = run_and_save(tenant_id, params, username="bench")
        times.append(time.perf_counter() - started)
    peak = _status_bytes("VmHWM")
    summary = header["summary"]
    return {"seconds": statistics.median(times), "times": times, "run_peak": peak, "run_grown": peak - start,
            "orders_in_window": summary["orders_in_window"], **_class_changes(tenant_id, header["analysis_id"]),
            **_saved_result(tenant_id, header),
            "profile": profiled(run_and_save, tenant_id, params, username="bench") if profile else None}


def _class_changes(tenant_id: str, analysis_id: str) -> dict:
    from chalicelib.services.analyses.class_update import changes

    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    start = _status_bytes("VmRSS")
    started = time.perf_counter()
    moved = changes(tenant_id, analysis_id)
    seconds = time.perf_counter() - started
    return {"delta_seconds": seconds, "moved": len(moved), "delta_grown": _status_bytes("VmHWM") - start}


def _saved_result(tenant_id: str, header: dict) -> dict:
    """Class counts, thresholds and per-customer digest of the saved snapshot, for the agreement check."""
    from chalicelib.adapters.analysis_store import ResultStore

    result = ResultStore(tenant_id).read(header["analysis_id"])
    thresholds = header["summary"]["thresholds"]
    outcome = _outcome(result["customer_code"], result["rfm_class"], [thresholds[name] for name in MEASURES])
    counts = [header["summary"]["classes"][name]["count"] for name in CLASS_NAMES]
    if outcome["counts"] != counts:
        raise AssertionError(f"header class counts {counts} differ from the saved result's {outcome['counts']}")
    return outcome


def duckdb_runs(parquet: str, params) -> dict:
    runs = [duckdb_way(parquet, params) for _ in range(RUNS)]
    if any(run["digest"] != runs[0]["digest"] for run in runs):
        raise AssertionError("DuckDB gave different classes on the same data")
    times = [run["seconds"] for run in runs]
    return {**runs[0], "seconds": statistics.median(times), "times": times}


def preview(tenant_id: str, params) -> dict:
    from chalicelib.services.analyses.run import preview as run_preview

    times = []
    for _ in range(PREVIEW_RUNS):
        started = time.perf_counter()
        view = run_preview(tenant_id, params, username="bench")
        times.append(time.perf_counter() - started)
    return {"times": times, "customers": view["customers_analysed"], "orders": view["orders_in_window"]}


def profiled(step, *args, lines: int = 20, **kwargs) -> str:
    """One more run of step under cProfile (not one of the timed runs): chalicelib's functions by
    cumulative time, then every function by own time."""
    profiler = cProfile.Profile()
    profiler.runcall(step, *args, **kwargs)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats("chalicelib", lines)
    stats.sort_stats("tottime").print_stats(lines)
    return text.getvalue()
