"""`make run`'s local stack: resources from infra/, the API answering, state kept across restarts.

The stack runs as `python -m local.run` in a child process, exactly as `make run` starts it:
it sets process-wide AWS settings and imports app.py with its own frontend origin, which
must not leak into the other tests of this pytest process.
"""
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest

from local.bootstrap import load_template, local_resources
from local.moto_process import child_pids
from local.ports import free_ports

ROOT = Path(__file__).resolve().parents[2]
READY_LINE = "Press Ctrl-C to stop"
START_TIMEOUT = 60


class RunningStack:
    """`python -m local.run` in a child process, its console lines collected as they come."""

    def __init__(self, env: dict):
        self.process = subprocess.Popen([sys.executable, "-m", "local.run"], cwd=ROOT, env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, text: str, timeout: float = START_TIMEOUT, times: int = 1) -> None:
        """Until `text` has appeared on `times` lines of the console since the start."""
        while sum(text in line for line in self.output) < times:
            line = self.lines.get(timeout=timeout)
            if line is None:
                raise AssertionError("the stack exited early:\n" + "".join(self.output))
            self.output.append(line)

    def interrupt(self) -> int:
        """Ctrl-C, as a developer would press it; returns the exit code."""
        self.process.send_signal(signal.SIGINT)
        self.wait_for("Stopped.")
        return self.process.wait(timeout=30)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def stack_env(tmp_path):
    moto_port, api_port, frontend_port = free_ports(3)
    env = {**os.environ, "MOTO_PORT": str(moto_port), "API_PORT": str(api_port),
           "FRONTEND_PORT": str(frontend_port), "LOCAL_HOST": "127.0.0.1", "ADMIN_PASSWORD": "Local2026x",
           "LOCAL_STATE_DIR": str(tmp_path / "state"), "PYTHONUNBUFFERED": "1"}
    for name in ("AWS_ENDPOINT_URL", "RESOURCE_PREFIX"):
        env.pop(name, None)
    return env


@pytest.fixture
def start_stack(stack_env):
    started = []

    def start() -> RunningStack:
        running = RunningStack(stack_env)
        started.append(running)
        running.wait_for(READY_LINE)
        return running

    yield start
    for running in started:
        running.kill()


def aws(env: dict, service: str):
    return boto3.client(service, endpoint_url=f"http://127.0.0.1:{env['MOTO_PORT']}", region_name="us-east-1",
                        aws_access_key_id="local", aws_secret_access_key="local")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_stack_serves_every_declared_resource_the_api_and_the_frontend(start_stack, stack_env):
    # Given the local stack started as `make run` starts it
    running = start_stack()
    names = local_resources(load_template())
    # Then every table and bucket infra/resources.json declares exists under its local name
    assert set(names.tables.values()) <= set(aws(stack_env, "dynamodb").list_tables()["TableNames"])
    buckets = {bucket["Name"] for bucket in aws(stack_env, "s3").list_buckets()["Buckets"]}
    assert set(names.buckets.values()) <= buckets
    # And the upload bucket lets the frontend origin POST to it, as in production
    origin = f"http://127.0.0.1:{stack_env['FRONTEND_PORT']}"
    rules = aws(stack_env, "s3").get_bucket_cors(Bucket=names.buckets["UploadBucket"])["CORSRules"]
    assert any(origin in rule["AllowedOrigins"] and "POST" in rule["AllowedMethods"] for rule in rules)
    # And the API answers, and the frontend server hands out the API address
    status, body = get(f"http://127.0.0.1:{stack_env['API_PORT']}/api/meta")
    assert status == 200 and "industries" in json.loads(body)
    status, body = get(f"{origin}/config.js")
    assert status == 200 and f"http://127.0.0.1:{stack_env['API_PORT']}".encode() in body
    # And the console shows where to go and how to log in
    console = "".join(running.output)
    assert f"{origin}/admin/" in console and "admin / Local2026x" in console
    # And `make monthly` runs the monthly analysis on the running stack: the demo pharmacy gets its snapshot
    running.wait_for(" completed ", times=2)  # once the demo ERP's customers and orders are imported
    fired = subprocess.run([sys.executable, "-m", "local.monthly"], env=stack_env, cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert fired.returncode == 0 and "已为 1 个企业排队" in fired.stdout, fired.stderr
    running.wait_for("analysis message apply")
    analyses = aws(stack_env, "dynamodb").scan(TableName=names.tables["AnalysesTable"])["Items"]
    assert [item["kind"]["S"] for item in analyses] == ["monthly"]
    # And `make daily` runs the daily schedules there, with every queue a due deletion or a notice may use
    fired = subprocess.run([sys.executable, "-m", "local.daily"], env=stack_env, cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert fired.returncode == 0 and "已更新交费状态" in fired.stdout, fired.stderr
    queues = subprocess.run([sys.executable, "-c", "import os; from local.stack import QUEUE_VARIABLES, "
                             "point_at_running_stack as p; p('127.0.0.1', int(os.environ['MOTO_PORT'])); "
                             "print(all(os.environ[v].startswith('http') for v in QUEUE_VARIABLES))"],
                            env=stack_env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert queues.stdout.strip() == "True", queues.stderr
    assert running.interrupt() == 0


def test_data_survives_a_restart(start_stack, stack_env):
    # Given a running stack with one more user and one uploaded file
    names = local_resources(load_template())
    users, uploads = names.tables["UsersTable"], names.buckets["UploadBucket"]
    running = start_stack()
    item = {"username": {"S": "restart-check"}, "user_id": {"S": "u-1"}, "account_type": {"S": "staff"},
            "role": {"S": "admin"}, "display_name": {"S": "重启检查"}, "mobile": {"S": "13700000000"},
            "password_hash": {"S": "x"}, "created_at": {"S": "2026-01-01T00:00:00Z"},
            "photo": {"B": b"\x00\x01binary"}}
    aws(stack_env, "dynamodb").put_item(TableName=users, Item=item)
    aws(stack_env, "s3").put_object(Bucket=uploads, Key="licenses/pending/证照.png", Body=b"PNG",
                                    ContentType="image/png")
    # When it is stopped with Ctrl-C and started again on a new moto
    assert running.interrupt() == 0
    start_stack()
    # Then the item and the object are back, content type included
    restored = aws(stack_env, "dynamodb").get_item(TableName=users, Key={"username": {"S": "restart-check"}})
    assert restored["Item"] == item
    obj = aws(stack_env, "s3").get_object(Bucket=uploads, Key="licenses/pending/证照.png")
    assert obj["Body"].read() == b"PNG" and obj["ContentType"] == "image/png"


def test_moto_runs_in_a_process_of_its_own_that_ends_when_the_stack_is_killed(start_stack, stack_env):
    # Given a running stack: moto answers from a process of its own, a child of the stack's
    running = start_stack()
    moto = [pid for pid in child_pids(running.process.pid)
            if b"local.moto_process" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(moto) == 1 and port_in_use(int(stack_env["MOTO_PORT"]))
    # And its save and restore answer only the stack (a web page could POST there): no token, no save
    for headers in ({}, {"X-Local-Control": "guess"}):
        request = urllib.request.Request(f"http://127.0.0.1:{stack_env['MOTO_PORT']}/_local/save", data=b"",
                                         method="POST", headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403

    # When the stack's process is killed (no Ctrl-C, no save)
    running.kill()

    # Then moto's process ends by itself within seconds and its port is free for the next start
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{moto[0]}").exists():
        time.sleep(0.2)
    assert not Path(f"/proc/{moto[0]}").exists() and not port_in_use(int(stack_env["MOTO_PORT"]))


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
