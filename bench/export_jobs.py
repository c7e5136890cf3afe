"""A 1,000,000-customer call list built by the export job's worker (issue 14): time and peak memory.

    .venv/bin/python -m bench.export_jobs            # 1,000,000 customers (about 4 minutes with setup)
    .venv/bin/python -m bench.export_jobs --quick    # 100,000
    .venv/bin/python -m bench.export_jobs --old      # also the pre-job way (every row in a list, one xlsx in memory)

Setup (not measured): in moto (mock_aws), the resources of infra/resources.json and the generated customer table
of bench/segments.py; one queued export job (data_job_store.create_file) for the call list of every customer.
Measured, each in a forked child (peak = VmHWM after resetting it at the child's start):
(a) ours: services.exports.worker.run — select, rows in batches of 20,000, the sheet streamed through
    xlsx_chunks into a multipart upload, progress on the job after each batch, the job marked done;
(b) --old: the same rows built as one list and written with xlsx_table into one bytes object, then put.
Moto keeps the uploaded object in the process, so (a)'s peak includes the file itself once. Wall time depends on
what else the machine runs; CPU time (the child's own) is the steadier figure.
"""
from bench._orders_store import _in_child  # noqa: I001  (first: sets fake AWS credentials)

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from moto import mock_aws  # noqa: E402

from bench._rfm_steps import create_resources  # noqa: E402
from bench.segments import TENANT, generate  # noqa: E402

TARGET_SECONDS, TARGET_PEAK_BYTES = 300.0, 1.5 * 2 ** 30  # Lambda: 15 minutes, and the worker's memory


def worker_run() -> dict:
    from chalicelib.adapters import data_job_store
    from chalicelib.services.exports import worker

    job = data_job_store.create_file(TENANT, "bench-job", "bench", {
        "export": "call_list", "params": {"rules": {"all": []}, "title": "外呼名单"}, "store": "", "mobile_visible": True})
    started, cpu = time.perf_counter(), time.process_time()
    worker.run(TENANT, job.job_id)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    done = data_job_store.get(TENANT, job.job_id)
    return {"seconds": seconds, "cpu": cpu, "status": done.status, "detail": done.detail}


def old_way() -> dict:
    from chalicelib import config
    from chalicelib.adapters import follow_up_store, objects
    from chalicelib.domain.segments import call_list, parse_rules
    from chalicelib.domain.xlsx_stream import xlsx_table
    from chalicelib.services.segments.selection import select

    started, cpu = time.perf_counter(), time.process_time()
    picked = select(TENANT, parse_rules({"all": []}), "", columns=call_list.COLUMNS, with_measures=True)
    rows = call_list.rows(picked.columns, picked.rows, picked.context.measures,
                          follow_up_store.newest_by_customer(TENANT), True)
    objects.write(config.data_bucket(), "exports/bench/old.xlsx", xlsx_table("外呼名单", call_list.HEADERS, rows))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "rows": len(rows)}


def run(customers: int, old: bool) -> tuple[list[str], bool]:
    from chalicelib.adapters.customer_table import CustomerTable

    with mock_aws():
        create_resources()
        CustomerTable(TENANT).replace(generate(customers))
        ours = _in_child(worker_run)
        theirs = _in_child(old_way) if old else None
    # CPU, not wall time: on the shared 2-core machine a child gets a fraction of a core
    ok = ours["status"] == "done" and ours["cpu"] < TARGET_SECONDS and ours["peak"] < TARGET_PEAK_BYTES
    lines = [f"customers: {customers:,}; job: {ours['status']} {ours['detail']}",
             f"(a) worker, streamed: {ours['seconds']:.1f} s ({ours['cpu']:.1f} s CPU), "
             f"peak growth {ours['grown'] / 2 ** 20:,.0f} MB "
             f"(whole process {ours['peak'] / 2 ** 20:,.0f} MB) (targets: CPU < {TARGET_SECONDS:.0f} s, "
             f"whole process < {TARGET_PEAK_BYTES / 2 ** 20:,.0f} MB)"]
    if theirs:
        lines.append(f"(b) old way, one list + one xlsx in memory: {theirs['seconds']:.1f} s "
                     f"({theirs['cpu']:.1f} s CPU), peak growth "
                     f"{theirs['grown'] / 2 ** 20:,.0f} MB (whole process {theirs['peak'] / 2 ** 20:,.0f} MB)")
    return [*lines, "OK" if ok else "TARGET MISSED"], ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--old", action="store_true")
    arguments = parser.parse_args()
    lines, ok = run(100_000 if arguments.quick else 1_000_000, arguments.old)
    print("\n".join(lines))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
