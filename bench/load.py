"""Load test of a running local stack (issue 14): 50 users for 60 s, p50/p95/p99 and errors per endpoint.

    make run > stack.log   # or: API_PORT=8351 MOTO_PORT=8353 ... .venv/bin/python -m local.run > stack.log
    .venv/bin/python -m bench.load --api http://127.0.0.1:8000 --moto http://127.0.0.1:4566
    .venv/bin/python -m bench.load ... --sms-log stack.log --stack-pid <pid>   # codes from the console log
    .venv/bin/python -m bench.load ... --plan bench/.cache/load-<run>/plan.json  # again, same accounts

First makes the accounts through the API (bench/load_setup.py: 只读 sub-accounts of the demo tenant, and
tenants of their own with data for the writers) and logs the readers and writers in; then runs locust headless
(bench/load_locust.py: readers, writers and --login-users that only log in) and prints the figures as a
Markdown table for bench/README.md. The plan and locust's CSV files stay in --out.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.load_probe import stack_cpu_seconds
from bench.load_setup import Api, prepare
from bench.load_sms import SmsInbox

BENCH = Path(__file__).resolve().parent


def main() -> int:
    options = _options()
    out = Path(options.out or BENCH / ".cache" / f"load-{time.strftime('%Y%m%d-%H%M%S')}")
    out.mkdir(parents=True, exist_ok=True)
    inbox = SmsInbox(options.moto, options.sms_log)
    plan = _reused(options.plan, inbox) if options.plan else _prepared(options, inbox)
    plan.update(api=options.api, moto=options.moto, sms_log=options.sms_log)
    _split_logins(plan, inbox, options.login_users)
    (out / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    cpu_before, run_started = _stack_cpu(options.stack_pid), time.monotonic()
    status = _run_locust(options, out, len(plan["readers"]) + len(plan["writers"]) + len(plan["login"]))
    if options.stack_pid:
        busy = (_stack_cpu(options.stack_pid) - cpu_before) / (time.monotonic() - run_started)
        print(f"the stack (pid {options.stack_pid} and moto's process) used {busy:.2f} cores on average during the run")
    print(f"\nrun of {time.strftime('%Y-%m-%d %H:%M')} UTC on {platform.node()} ({os.cpu_count()} cores, "
          f"Python {platform.python_version()}); load average after: {_load()}\n")
    print(report(json.loads((out / "result.json").read_text(encoding="utf-8"))))
    return status


def _prepared(options: argparse.Namespace, inbox: SmsInbox) -> dict:
    print(f"setting up {options.users - options.writers} readers and {options.writers} writers ...", flush=True)
    started = time.monotonic()
    plan = prepare(options.api, inbox, readers=options.users - options.writers, writers=options.writers)
    print(f"setup took {time.monotonic() - started:.0f} s (tag {plan['tag']}); load average {_load()}", flush=True)
    return plan


def _reused(path: str, inbox: SmsInbox) -> dict:
    """An earlier run's accounts (same stack), each with the number of codes its mobile has had so far."""
    plan = json.loads(Path(path).read_text(encoding="utf-8"))
    inbox.refresh()
    for account in (*plan["readers"], *plan["writers"]):
        account["seen"] = len(inbox.codes(account["mobile"]))
    print(f"reusing the {len(plan['readers'])} readers and {len(plan['writers'])} writers of {path}", flush=True)
    return plan


def _split_logins(plan: dict, inbox: SmsInbox, login_users: int) -> None:
    """The last `login_users` readers only log in, again and again (measured); every other user is logged in
    here, before the run, and works with its token: 50 logins at once (argon2, 64 MiB each) would take the
    stack's CPU for the first part of the minute and measure mostly that."""
    plan["login"] = plan["readers"][len(plan["readers"]) - login_users:]
    plan["readers"] = plan["readers"][:len(plan["readers"]) - login_users]
    api = Api(plan["api"], inbox)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=5) as pool:
        tokens = pool.map(lambda account: api.log_in(account["username"], account["password"], account["mobile"]),
                          [*plan["readers"], *plan["writers"]])
        for account, token in zip([*plan["readers"], *plan["writers"]], tokens):
            account["token"] = token
    inbox.refresh()
    for account in plan["login"]:
        account["seen"] = len(inbox.codes(account["mobile"]))
    print(f"logged {len(plan['readers']) + len(plan['writers'])} users in before the run "
          f"({time.monotonic() - started:.0f} s); {login_users} users log in during it", flush=True)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", default="http://127.0.0.1:8000", help="the stack's API URL")
    parser.add_argument("--moto", default="http://127.0.0.1:4566", help="the stack's moto URL (SMS codes)")
    parser.add_argument("--sms-log", help="the stack's console output, read for codes instead of moto")
    parser.add_argument("--plan", help="the plan.json of an earlier run on this stack: its accounts, no setup")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--writers", type=int, default=10, help="users with a tenant of their own (of --users)")
    parser.add_argument("--login-users", type=int, default=2, help="users (of --users) that only log in")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=int, default=10, help="users started a second")
    parser.add_argument("--out", help="folder for the plan and locust's CSV files")
    parser.add_argument("--stack-pid", type=int, help="the local.run process: report the CPU it used during the run")
    return parser.parse_args()


def _run_locust(options: argparse.Namespace, out: Path, users: int) -> int:
    command = [sys.executable, "-m", "locust", "-f", str(BENCH / "load_locust.py"), "--headless",
               "-u", str(users), "-r", str(options.spawn_rate), "-t", f"{options.seconds}s",
               "--host", options.api, "--csv", str(out / "load"), "--only-summary", "--stop-timeout", "120",
               "--exit-code-on-error", "0"]
    environment = {**os.environ, "LOAD_PLAN": str(out / "plan.json"), "LOAD_RESULT": str(out / "result.json"),
                   "PYTHONPATH": str(BENCH.parent)}
    with open(out / "locust.log", "w") as log:
        return subprocess.run(command, env=environment, stdout=log, stderr=subprocess.STDOUT).returncode


def report(result: dict) -> str:
    """The figures per endpoint as a Markdown table, then every kind of error with its count."""
    lines = ["| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|"]
    for row in result["endpoints"]:
        name = "**all**" if row["name"] == "all" else row["name"]
        lines.append(f"| {name} | {row['requests']} | {row['errors']} | {row['p50']:.0f} | {row['p95']:.0f} | "
                     f"{row['p99']:.0f} | {row['max']:.0f} |")
    found = [f"- {error['count']} × {error['method']} {error['name']}: {error['error'][:300]}"
             for error in result["errors"]]
    return "\n".join(lines + ["", "errors:" if found else "errors: none", *found])


def _stack_cpu(pid: int | None) -> float:
    return stack_cpu_seconds(pid) if pid else 0.0


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
