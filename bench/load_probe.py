"""What one request of each kind costs the local stack, alone: its process' CPU time and the wall time.

    .venv/bin/python -m bench.load_probe --plan bench/.cache/load-<run>/plan.json --stack-pid <pid of local.run> \
        [--moto URL | --sms-log stack.log] [--repeat 10]

Uses a reader and a writer of a plan `python -m bench.load` wrote (they log in again here). The stack runs the API
and the workers in one Python process and moto in a second (its child); their CPU seconds per request bound what
50 users can get from them, whatever the number of users.
"""
import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from bench.load_setup import Api
from bench.load_sms import SmsInbox
from local.moto_process import child_pids

TICKS = os.sysconf("SC_CLK_TCK")


def stack_cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of the process (all its threads) and of its running children (the stack's
    moto runs in one: local/moto_process.py)."""
    return _cpu_seconds(pid) + sum(_cpu_seconds(child) for child in child_pids(pid))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def cases(api: Api, plan: dict) -> list[tuple[str, Callable[[], dict]]]:
    reader, writer = plan["readers"][0], plan["writers"][0]
    read = api.log_in(reader["username"], reader["password"], reader["mobile"])
    write = api.log_in(writer["username"], writer["password"], writer["mobile"])
    rules = {"all": [{"field": "tags", "op": "contains_any", "value": ["慢病", "会员"]}]}
    return [
        ("GET /api/me (authorizer, account, tenant)", lambda: api.call("GET", "/api/me", token=read)),
        ("GET /api/customers (demo, 400)", lambda: api.call("GET", "/api/customers?page=2&size=20", token=read)),
        ("GET /api/customers?q= (demo)", lambda: api.call("GET", "/api/customers?q=%E7%8E%8B", token=read)),
        ("POST /api/segments/count (demo)", lambda: api.call("POST", "/api/segments/count", {"rules": rules}, read)),
        ("POST /api/analyses (preview, writer)",
         lambda: api.call("POST", "/api/analyses", {"start": "2025-01-01", "end": "2026-11-30"}, write)),
        ("POST /api/campaigns/{id}/preview (writer)",
         lambda: api.call("POST", f"/api/campaigns/{writer['campaign_id']}/preview", {}, write)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--stack-pid", type=int, required=True)
    parser.add_argument("--moto", default="http://127.0.0.1:4566")
    parser.add_argument("--sms-log")
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()
    plan = json.loads(Path(options.plan).read_text(encoding="utf-8"))
    api = Api(plan["api"], SmsInbox(options.moto, options.sms_log))
    print("| request, one at a time | stack CPU per request | wall per request |\n|---|---|---|")
    for name, call in cases(api, plan):
        call()  # the first may fill caches (clients, connections)
        cpu, wall = stack_cpu_seconds(options.stack_pid), time.perf_counter()
        for _ in range(options.repeat):
            call()
        cpu, wall = stack_cpu_seconds(options.stack_pid) - cpu, time.perf_counter() - wall
        print(f"| {name} | {cpu / options.repeat * 1000:.0f} ms | {wall / options.repeat * 1000:.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
