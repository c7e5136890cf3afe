"""Browser tests: the product started as `make run` starts it, driven in Debian's headless Chromium."""
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from local.ports import free_ports

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
# CI runs two stacks, two browsers and the workers on 2 shared cores: a page that answers in a second alone
# has been seen to take more than Playwright's default 5 s there. Waiting longer costs only failing tests time.
# (Set once for the session: a test that set it back to 5 s left every later test of its worker at 5 s.)
expect.set_options(timeout=20_000)


class Stack:
    def __init__(self, tmp: Path):
        self.ports = dict(zip(("API_PORT", "FRONTEND_PORT", "MOTO_PORT"), free_ports(3)))
        self.api = f"http://127.0.0.1:{self.ports['API_PORT']}"
        self.web = f"http://127.0.0.1:{self.ports['FRONTEND_PORT']}"
        self.moto = f"http://127.0.0.1:{self.ports['MOTO_PORT']}"
        self.log = tmp / "stack.log"
        env = {**os.environ, **{k: str(v) for k, v in self.ports.items()},
               "LOCAL_STATE_DIR": str(tmp / "state"), "ADMIN_PASSWORD": "Admin12345",
               "SMS_SEND_WINDOW": "0-24",  # campaigns may send at any hour the tests run
               "EXPORT_JOB_ROWS": "500",  # exports beyond 500 customers run as jobs (the demo tenant has 400)
               "PYTHONIOENCODING": "utf-8"}  # the console log is read back (SMS codes, imports done)
        env.pop("AWS_ENDPOINT_URL", None)
        self.process = subprocess.Popen([sys.executable, "-m", "local.run"], cwd=ROOT, env=env,
                                        stdout=self.log.open("w"), stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 180) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"local stack exited:\n{self.log.read_text()}")
            try:
                urllib.request.urlopen(f"{self.api}/api/meta", timeout=2)
                urllib.request.urlopen(f"{self.web}/", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"local stack not ready in {seconds}s:\n{self.log.read_text()}")

    def wait_demo_data(self, seconds: float = 180) -> None:
        """Until the demo pharmacy's two ERP drops (customers, then orders) are imported: the journeys start
        from its data, and a journey that began before its orders were in would find none."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            # The stack logs JSON lines: {"message": "import <tenant>/<job> completed {...}", ...}
            if len(re.findall(r'"message": ?"import \S+ completed', self.log.read_text())) >= 2:
                return
            time.sleep(0.5)
        raise RuntimeError(f"the demo data was not imported in {seconds}s:\n{self.log.read_text()}")

    def sms_code(self, mobile: str) -> str:
        """The newest code texted to `mobile`, read from the stack's console as a local user reads it (moto's
        /moto-api/data.json has them too, but dumps every backend: a second of the stack's CPU per call)."""
        texts = re.findall(rf"^\[短信\] {mobile}: (.*)$", self.log.read_text(encoding="utf-8"), re.MULTILINE)
        assert texts, f"no SMS to {mobile}"
        return re.search(r"\d{6}", texts[-1]).group(0)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def started_stack(tmp_path_factory, attempts: int = 3) -> Stack:
    """A ready stack. Another worker's stack may bind a port between our choosing it and our server binding it;
    that start is retried on new ports."""
    for attempts_left in reversed(range(attempts)):
        running = Stack(tmp_path_factory.mktemp("stack"))
        try:
            running.wait_ready()
            return running
        except RuntimeError as failed:
            running.stop()
            if "Address already in use" not in str(failed) or not attempts_left:
                raise
    raise ValueError("attempts must be at least 1")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    running = started_stack(tmp_path_factory)
    try:
        running.wait_demo_data()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def shot(page, name: str) -> None:
    """Save a full-page screenshot as a test artifact (tests/artifacts/screenshots)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
