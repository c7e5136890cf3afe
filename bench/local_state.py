"""The local stack (`make run`) at a realistic size: saving, restoring, idling, and a preview while a save runs.

    .venv/bin/python -m bench.local_state                 # 1 tenant: 100,000 customers, 1,000,000 orders
    .venv/bin/python -m bench.local_state --tenants 3     # the tester's "realistic day": 3 such tenants
    .venv/bin/python -m bench.local_state --small         # a tenth of that, to try it
    .venv/bin/python -m bench.local_state --baseline 8ab7224   # also the whole-state save of that revision
    .venv/bin/python -m bench.local_state --reuse /tmp/bench-local-state-…  # again on a run's saved data

A LocalStack runs in this process, as `make run` runs it (its moto in a process of its own, where the saves and
the restore run: memory and CPU below are that process' or both), on free ports with a temporary LOCAL_STATE_DIR.
Setup (timed, not a target): per tenant, the orders go through OrderStore as 20 import batches with the
code index and customer snapshot (bench/_rfm_data.py), then the customers through the real customer import
(bench/_customers.py's file), i.e. one DynamoDB item per customer in moto. Then, measured:
  - the first save (everything), a save with nothing changed, a save after one import
    (100,000 new orders + 1,000 changed customers of one tenant): time, the process' peak RSS during the
    save (VmHWM reset just before), and the memory the forked child added (its private pages);
  - a preview of one tenant's whole history (analysis_run.preview, what POST /api/analyses/preview runs):
    alone, and while a save of the customers table runs (median of 3 each);
  - a restart on the saved state: the time of start() and of the restore within it;
  - the CPU share of the process over --idle seconds of nothing happening, with the autosave of `make run`.
"""
import argparse
import importlib.util
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.load_probe import stack_cpu_seconds
from local.moto_process import MotoProcess
from local.ports import free_ports
from local.run import AUTOSAVE_SECONDS
from local.stack import LocalStack

ROOT = Path(__file__).resolve().parent.parent
GB, MB = 2 ** 30, 2 ** 20
WINDOW = ("2024-01-01", "2025-12-31")  # bench/_rfm_data.py's 24 months
PREVIEWS = 3


class _Printed(list):
    """The report's lines, each printed as it comes (the whole run takes minutes)."""

    def append(self, line: str) -> None:
        print(line, flush=True)
        super().append(line)

    def __iadd__(self, lines):
        for line in lines:
            self.append(line)
        return self


def run(tenants: int, customers: int, orders: int, idle: float, autosave: float, baseline: str | None,
        reuse: Path | None = None) -> list[str]:
    state_dir = reuse or Path(tempfile.mkdtemp(prefix="bench-local-state-"))
    lines = _Printed()
    lines += [f"data: {tenants} tenant(s) x {customers:,} customers and {orders:,} orders; state in {state_dir}"]
    stack = _stack(state_dir, autosave=None)
    stack.start()
    try:
        if reuse:  # the data of an earlier run, restored: the fill (minutes) is skipped
            lines.append(f"restored the earlier run's state from {reuse}")
        else:
            lines += _fill(stack, tenants, customers, orders)
        lines.append(f"after the fill: RSS of the stack's process {_status('VmRSS') / GB:.2f} GB, of moto's"
                     f" {_status('VmRSS', _moto_pid(stack)) / GB:.2f} GB")
        lines.append(_measured_save("first save (everything)", stack))
        lines.append(_measured_save("save with nothing changed", stack))
        lines += _one_import(customers)
        lines.append(_measured_save("save after one import", stack))
        lines += _preview_while_saving(stack, "save of the changed tables (ours)", stack.save)
        if baseline:
            old = _old_state_module(baseline)
            lines += _preview_while_saving(stack, f"whole-state save of {baseline} (before)", lambda: old.save(
                stack._client("dynamodb"), stack._client("s3"), stack.resources, state_dir / "baseline"))
    finally:
        started = time.perf_counter()
        stack.stop()
        lines.append(f"stop (saves what changed since): {time.perf_counter() - started:.2f} s")
    lines += _restart_and_idle(state_dir, idle, autosave)
    lines.append(f"state directory: {_du(state_dir) / MB:,.0f} MB")
    return lines


def _stack(state_dir: Path, autosave: float | None) -> LocalStack:
    moto, api, frontend = free_ports(3)
    return LocalStack(api_port=api, frontend_port=frontend, moto_port=moto, state_dir=state_dir,
                      admin_password="Bench2026x", persist=True, autosave_seconds=autosave)


def _fill(stack: LocalStack, tenants: int, customers: int, orders: int) -> list[str]:
    from bench import _rfm_data as data_gen

    lines = []
    for number in range(tenants):
        tenant = _tenant(number)
        started = time.perf_counter()
        data_gen.store(tenant, data_gen.generate(2026 + number, orders, customers))
        stored = time.perf_counter()
        counts = _import_customers(tenant, _customer_file(customers))
        lines.append(f"setup {tenant}: orders stored in {stored - started:.1f} s, customer import {counts} in"
                     f" {time.perf_counter() - stored:.1f} s")
    return lines


def _one_import(customers: int) -> list[str]:
    """What a user's daily import writes: new orders, and a customer file with some customers changed."""
    import numpy as np

    from bench import _rfm_data as data_gen
    from chalicelib.adapters.order_store import OrderStore

    tenant, new, stamp = _tenant(0), max(customers, 1000), time.strftime("%H%M%S")  # new on every run
    data = data_gen.generate(7, new, new // 10)
    frame = data.frame()
    frame["order_id"] = np.strings.add(f"N{stamp}", frame["order_id"].to_numpy(str))
    frame["customer_code"] = data_gen.customer_codes(customers)[np.arange(new) % customers].astype(object)
    frame["ordered_at"] = frame["ordered_at"] + 365 * 86400
    started = time.perf_counter()
    OrderStore(tenant).write_batch(f"import-{stamp}", frame)
    file = _customer_file(customers, changed=min(1000, customers), tag=stamp)
    counts = _import_customers(tenant, file)
    seconds = time.perf_counter() - started
    return [f"one import ({tenant}): {new:,} new orders and customers {counts}, in {seconds:.1f} s"]


def _customer_file(customers: int, changed: int = 0, tag: str = "") -> bytes:
    from bench._customers import _customers_csv

    text = _customers_csv(customers).decode()
    if changed:
        lines = text.split("\n")
        lines[1:changed + 1] = [line.replace(",会员,", f",会员|复购{tag},") for line in lines[1:changed + 1]]
        text = "\n".join(lines)
    return text.encode()


def _import_customers(tenant: str, file: bytes) -> dict:
    from chalicelib.domain.table_reader import read_table
    from chalicelib.domain.validation import validate
    from chalicelib.services.imports import customer_file

    validated = validate(read_table(file, "customers.csv", "customers"))
    assert validated.ok, validated.errors[:3]
    return customer_file.apply(tenant, f"imp-{time.time_ns()}", validated, False, lambda _: None).counts


def _measured_save(label: str, stack: LocalStack) -> str:
    moto = _moto_pid(stack)
    before = _status("VmRSS", moto)
    _reset_peak(moto)
    started = time.perf_counter()
    written = stack.save()
    seconds = time.perf_counter() - started
    child = written.get("forked_child_bytes")
    tables = ", ".join(f"{name} {count:,}" for name, count in written["tables"].items()) or "none"
    return (f"{label}: {seconds:.2f} s; wrote tables [{tables}] items, {written['objects']:,} objects; "
            f"moto's process peak RSS {_status('VmHWM', moto) / GB:.2f} GB"
            f" (+{(_status('VmHWM', moto) - before) / MB:.0f} MB)"
            + (f", forked child's own memory {child / MB:.0f} MB" if child is not None else ", no child"))


def _preview_while_saving(stack: LocalStack, label: str, save) -> list[str]:
    from chalicelib.adapters.models import CustomerModel
    from chalicelib.domain.rfm.params import parse_params
    from chalicelib.services.analyses import run as analysis_run

    params = parse_params(*WINDOW)

    def preview() -> float:
        started = time.perf_counter()
        header = analysis_run.preview(_tenant(0), params, "bench")
        preview.orders = header["orders_in_window"]
        return time.perf_counter() - started

    preview()  # warm: clients and connections, as a running API has them
    alone = [preview() for _ in range(PREVIEWS)]
    during, saves = [], []
    for run in range(PREVIEWS):
        CustomerModel(_tenant(0), "C0000000", name=f"touched {run}", created_at="x", updated_at="x").save()
        done = threading.Event()
        timing = {}

        def saving(timing=timing, done=done):  # this run's, bound now
            began = time.perf_counter()
            save()
            timing["seconds"] = time.perf_counter() - began
            done.set()

        threading.Thread(target=saving, daemon=True).start()
        time.sleep(0.05)  # the save under way (forked or scanning) before the preview starts
        during.append(preview())
        still_saving = not done.is_set()
        done.wait()
        saves.append((timing["seconds"], still_saving))
    return [f"preview of {preview.orders:,} orders alone: median {statistics.median(alone):.2f} s"
            f" ({', '.join(f'{s:.2f}' for s in alone)})",
            f"preview while a {label} runs: median {statistics.median(during):.2f} s"
            f" ({', '.join(f'{s:.2f}' for s in during)}); the saves took"
            f" {', '.join(f'{s:.1f} s' + ('' if busy else ' (ended first)') for s, busy in saves)}"]


def _restart_and_idle(state_dir: Path, idle: float, autosave: float) -> list[str]:  # noqa: PLR0915  one scenario, step by step
    restore_seconds = []
    real_restore = MotoProcess.restore

    def timed_restore(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real_restore(*args, **kwargs)
        finally:
            restore_seconds.append(time.perf_counter() - started)

    stack = _stack(state_dir, autosave=autosave)
    MotoProcess.restore = timed_restore
    started = time.perf_counter()
    try:
        stack.start()
    finally:
        MotoProcess.restore = real_restore
    lines = [f"restart on the saved state: start() {time.perf_counter() - started:.1f} s, of which restore"
             f" {restore_seconds[0]:.1f} s; RSS after: the stack's process {_status('VmRSS') / GB:.2f} GB,"
             f" moto's {_status('VmRSS', _moto_pid(stack)) / GB:.2f} GB"]
    saves, real_save = [], stack.save

    def timed_save():
        started = time.perf_counter()
        try:
            return real_save()
        finally:
            saves.append(time.perf_counter() - started)

    stack.save = timed_save  # the autosave thread calls self.save()
    try:
        cpu, wall = _cpu_seconds(_moto_pid(stack)), time.perf_counter()
        time.sleep(idle)
        share = (_cpu_seconds(_moto_pid(stack)) - cpu) / (time.perf_counter() - wall)
        lines.append(f"idle {idle:.0f} s with autosave every {autosave:.0f} s: CPU {share * 100:.1f} % of one core"
                     " (API, moto, the pumps' long polls, scheduler, autosave); the autosaves took"
                     f" {', '.join(f'{seconds:.2f} s' for seconds in saves) or 'none'}")
    finally:
        stack.stop()
    return lines


def _old_state_module(revision: str):
    source = subprocess.run(["git", "show", f"{revision}:local/state.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_state.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_state", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tenant(number: int) -> str:
    return f"bench-local-{number}"


def _moto_pid(stack: LocalStack) -> int:
    return stack._moto.process.pid


def _cpu_seconds(moto: int) -> float:
    """CPU of this process, its ended children (the forked saves) and moto's process."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + stack_cpu_seconds(moto)


def _status(field: str, pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith(field + ":")).split()[1]) * 1024


def _reset_peak(pid: int | str = "self") -> None:
    with open(f"/proc/{pid}/clear_refs", "w") as refs:
        refs.write("5")  # the peak resident set becomes the current one


def _du(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=1)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--idle", type=float, default=2 * AUTOSAVE_SECONDS, help="seconds (default 120)")
    parser.add_argument("--autosave", type=float, default=AUTOSAVE_SECONDS, help="seconds (make run: 60)")
    parser.add_argument("--baseline", help="also measure the whole-state save of this git revision")
    parser.add_argument("--small", action="store_true", help="a tenth of the customers and orders")
    parser.add_argument("--reuse", type=Path, help="start on the state directory an earlier run printed (no fill)")
    options = parser.parse_args()
    if options.small:
        options.customers, options.orders = options.customers // 10, options.orders // 10
    run(options.tenants, options.customers, options.orders, options.idle, options.autosave, options.baseline,
        options.reuse)
