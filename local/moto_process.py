"""The stack's moto in a Python process of its own.

One process holds one GIL: with moto inside the stack's process, the API, the workers and moto's server shared
one core, and under load moto took most of it (bench/README.md, "Load"). Here moto runs beside the stack and the
two use both cores. local/state.py reads and writes moto's backends in-process, so restoring and saving the state
run in this process too; the stack asks for them over HTTP (`POST /_local/restore|save` on moto's own port, with a
token only the stack knows: a web page the developer opens cannot start a save; the state directory is fixed at
start, never taken from a request).

The process ignores Ctrl-C (the terminal sends it to both: the stack saves first, then stops this process) and
ends by itself when the stack's process is gone, so a killed stack never leaves moto holding its port.
"""
import hmac
import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CONTROL = "/_local/"
TOKEN_VARIABLE = "LOCAL_CONTROL_TOKEN"
PROJECT_DIR = Path(__file__).resolve().parent.parent


def child_pids(pid: int) -> list[int]:
    """The processes `pid` started (Linux): how a test or a probe finds the stack's moto process."""
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


class MotoProcess:
    """The stack's side: start, restore, save, stop."""

    def __init__(self, host: str, port: int, state_dir: Path):
        self.host, self.port, self.state_dir = host, port, Path(state_dir)
        self.process: subprocess.Popen | None = None
        self._token = secrets.token_hex(16)

    def start(self, seconds: float = 60) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "local.moto_process", self.host, str(self.port), str(self.state_dir)],
            cwd=PROJECT_DIR, env={**os.environ, TOKEN_VARIABLE: self._token})
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto's process ended at start (exit code {self.process.returncode})")
            try:
                self._call("ready")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"moto did not answer on {self.host}:{self.port} within {seconds} s")

    def restore(self) -> dict:
        """Load the saved state into the empty tables and buckets (then nothing counts as changed)."""
        return self._call("restore")

    def save(self) -> dict:
        """Write what changed since the last save (local/state.py save)."""
        return self._call("save")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _call(self, action: str) -> dict:
        request = urllib.request.Request(f"http://{self.host}:{self.port}{CONTROL}{action}", method="POST", data=b"",
                                         headers={"X-Local-Control": self._token})
        try:
            with urllib.request.urlopen(request, timeout=900) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as error:  # the action failed in moto's process: say why
            raise RuntimeError(f"moto's process could not {action}: {error.read().decode(errors='replace')}") from None


# --- moto's side --------------------------------------------------------------------------------------------

def _serve(host: str, port: int, state_dir: Path) -> None:
    from local.moto_server import CorsFixedMotoServer

    class ControlledMotoServer(CorsFixedMotoServer):
        def wrap(self, app):
            return _Control(app, self.changes, f"http://{host}:{port}", state_dir)

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per moto call is noise
    server = ControlledMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    parent = os.getppid()
    while os.getppid() == parent:  # the stack is gone (even killed): so is moto
        time.sleep(1)
    server.stop()


class _Control:
    """WSGI: `POST /_local/<action>` with the stack's token runs the action here; every other request is moto's."""

    def __init__(self, app, changes, endpoint: str, state_dir: Path):
        self.app, self.changes, self.endpoint, self.state_dir = app, changes, endpoint, state_dir
        self.token = os.environ[TOKEN_VARIABLE]

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(CONTROL):
            return self.app(environ, start_response)
        if not hmac.compare_digest(environ.get("HTTP_X_LOCAL_CONTROL", ""), self.token):
            answer, status = {"error": "not the stack"}, "403 Forbidden"
        else:
            try:
                answer, status = self._run(path.removeprefix(CONTROL)), "200 OK"
            except Exception as error:  # answered, so the stack can say what failed
                answer, status = {"error": repr(error)}, "500 Internal Server Error"
        data = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    def _run(self, action: str) -> dict:
        import boto3

        from local import state
        from local.bootstrap import load_template, local_resources

        if action == "ready":
            return {}
        resources, region = local_resources(load_template()), os.environ["AWS_REGION"]
        s3 = boto3.client("s3", endpoint_url=self.endpoint, region_name=region)
        if action == "restore":
            counts = state.restore(s3, resources, self.state_dir, region)
            self.changes.clear()  # what was just loaded is what is saved already
            return counts
        if action == "save":
            state.LAST_CHILD.clear()
            written = state.save(s3, resources, self.state_dir, self.changes, region)
            return {**written, "forked_child_bytes": state.LAST_CHILD.get("private_bytes")}  # for bench/
        raise ValueError(f"no such action: {action}")


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _serve(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
