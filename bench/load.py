"""Load test of a running local stack (issue 14): 50 users for 60 s, p50/p95/p99 and errors per endpoint.

    make run   # or: API_PORT=8351 MOTO_PORT=8353 ... .venv/bin/python -m local.run > stack.log
    .venv/bin/python -m bench.load --api http://127.0.0.1:8000 --moto http://127.0.0.1:4566
    .venv/bin/python -m bench.load --api ... --moto ... --sms-log stack.log   # codes from the console log

First makes the accounts through the API (bench/load_setup.py: 只读 sub-accounts of the demo tenant, and
tenants of its own with data for the writers), then runs locust headless (bench/load_locust.py) and prints
the figures as a Markdown table for bench/README.md. Locust's CSV files stay in --out.
"""
import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.load_setup import prepare
from bench.load_sms import SmsInbox

BENCH = Path(__file__).resolve().parent
READ_TARGET_MS = 1000


def main() -> int:
    options = _options()
    out = Path(options.out or BENCH / ".cache" / f"load-{time.strftime('%Y%m%d-%H%M%S')}")
    out.mkdir(parents=True, exist_ok=True)
    inbox = SmsInbox(options.moto, options.sms_log)
    print(f"setting up {options.users - options.writers} readers and {options.writers} writers ...", flush=True)
    started = time.monotonic()
    plan = prepare(options.api, inbox, readers=options.users - options.writers, writers=options.writers)
    plan.update(moto=options.moto, sms_log=options.sms_log)
    (out / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"setup took {time.monotonic() - started:.0f} s (tag {plan['tag']}); load average {_load()}", flush=True)
    status = _run_locust(options, out)
    print(f"\nrun of {time.strftime('%Y-%m-%d %H:%M')} UTC on {platform.node()} ({os.cpu_count()} cores, "
          f"Python {platform.python_version()}); load average after: {_load()}\n")
    print(report(out / "load_stats.csv", out / "load_failures.csv"))
    return status


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", default="http://127.0.0.1:8000", help="the stack's API URL")
    parser.add_argument("--moto", default="http://127.0.0.1:4566", help="the stack's moto URL (SMS codes)")
    parser.add_argument("--sms-log", help="the stack's console output, read for codes instead of moto")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--writers", type=int, default=10, help="users with a tenant of their own (of --users)")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=int, default=10, help="users started a second")
    parser.add_argument("--out", help="folder for the plan and locust's CSV files")
    return parser.parse_args()


def _run_locust(options: argparse.Namespace, out: Path) -> int:
    command = [sys.executable, "-m", "locust", "-f", str(BENCH / "load_locust.py"), "--headless",
               "-u", str(options.users), "-r", str(options.spawn_rate), "-t", f"{options.seconds}s",
               "--host", options.api, "--csv", str(out / "load"), "--only-summary", "--stop-timeout", "30",
               "--exit-code-on-error", "0"]
    environment = {**os.environ, "LOAD_PLAN": str(out / "plan.json"), "PYTHONPATH": str(BENCH.parent)}
    with open(out / "locust.log", "w") as log:
        return subprocess.run(command, env=environment, stdout=log, stderr=subprocess.STDOUT).returncode


def report(stats_file: Path, failures_file: Path) -> str:
    """The figures per endpoint as a Markdown table, then every kind of failure with its count."""
    lines = ["| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|"]
    with open(stats_file, newline="") as stats:
        for row in csv.DictReader(stats):
            name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
            lines.append(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
                         f"{row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} |")
    with open(failures_file, newline="") as failures:
        found = [f"- {row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error'][:300]}"
                 for row in csv.DictReader(failures)]
    return "\n".join(lines + ["", "errors:" if found else "errors: none", *found])


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
