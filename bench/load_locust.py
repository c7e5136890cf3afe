"""The load scenario (locust): 只读 users reading the demo tenant, writers on tenants of their own, and a few users
that only log in.

Started by `python -m bench.load`, which makes the accounts and logs the readers and writers in before the run
(their tokens are in the plan file named by the environment variable LOAD_PLAN); the login users log in again and
again during the run, each with its own account (password, then the SMS code), so the login figures are those of
logins made while the other users work. Request names group the URLs of one endpoint (`GET /api/customers?q=`
is the search).
"""
import csv
import io
import itertools
import json
import os
import random
import time
from pathlib import Path

from locust import HttpUser, between, events, task

from bench.load_sms import SmsInbox

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
INBOX = SmsInbox(PLAN.get("moto"), PLAN.get("sms_log"))
READERS = iter(PLAN["readers"])
WRITERS = iter(PLAN["writers"])
LOGINS = iter(PLAN["login"])
IMPORT_ORDERS = 10_000
IMPORT_TIMEOUT = 300
SEARCHES = ("王", "李", "KN000", "KN0012", "张伟", "139", "福田", "芳")
SEGMENT_RULES = (
    {"all": [{"field": "tags", "op": "contains_any", "value": ["慢病", "会员"]}]},
    {"all": [{"field": "rfm_class", "op": "in", "value": ["重要价值客户", "重要保持客户", "一般价值客户"]},
             {"field": "total_spent", "op": "gte", "value": 500}]},
    {"any": [{"field": "birthday_month", "op": "in", "value": [6, 7, 8]},
             {"field": "store", "op": "eq", "value": "南山店"}]},
    {"all": [{"field": "order_count", "op": "gte", "value": 3}, {"field": "has_mobile", "op": "is_true"}]},
)
_import_numbers = itertools.count(1)
RUN = int(time.time()) % 100_000  # in the imported order IDs: a run on the plan of an earlier one adds new orders
_environment = []


@events.init.add_listener
def _keep_environment(environment, **_):
    _environment.append(environment)


@events.quit.add_listener
def _write_result(**_):
    """Every endpoint's figures and every error, after the last user stopped (LOAD_RESULT, JSON)."""
    stats = _environment[0].runner.stats
    entries = sorted(stats.entries.values(), key=lambda entry: entry.name) + [stats.total]
    figures = [{"name": entry.name if entry is not stats.total else "all", "requests": entry.num_requests,
                "errors": entry.num_failures, "max": entry.max_response_time,
                **{f"p{round(share * 100)}": entry.get_response_time_percentile(share) for share in (0.5, 0.95, 0.99)}}
               for entry in entries]
    errors = [{"name": error.name, "method": error.method, "error": str(error.error), "count": error.occurrences}
              for error in stats.errors.values()]
    errors += [{"name": "(exception in the locust file)", "method": "", "error": problem["msg"],
                "count": problem["count"]} for problem in _environment[0].runner.exceptions.values()]
    Path(os.environ["LOAD_RESULT"]).write_text(json.dumps({"endpoints": figures, "errors": errors},
                                                          ensure_ascii=False, indent=1), encoding="utf-8")


class _LoggedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    account: dict

    def log_in(self) -> None:
        account = self.account
        with self.client.post("/api/auth/login", json={"username": account["username"],
                                                       "password": account["password"]},
                              name="POST /api/auth/login", catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} {answer.error or answer.text[:200]}")
                raise RuntimeError("login refused")
            challenge = answer.json()["challenge_id"]
        code = INBOX.wait_for_code(account["mobile"], account["seen"])
        account["seen"] += 1
        answer = self.client.post("/api/auth/verify", json={"challenge_id": challenge, "code": code},
                                  name="POST /api/auth/verify")
        answer.raise_for_status()
        self.use_token(answer.json()["token"])

    def use_token(self, token: str) -> None:
        self.client.headers["Authorization"] = f"Bearer {token}"

    def list_customers(self) -> None:
        page = random.randint(1, 5)
        sort = random.choice(("customer_code", "total_spent", "last_order_date"))
        self.client.get(f"/api/customers?page={page}&size=20&sort={sort}&order=desc", name="GET /api/customers")


class Login(_LoggedIn):
    """Logs in again and again with an account of its own (password, then the SMS code), and nothing else."""

    fixed_count = len(PLAN["login"])

    def on_start(self) -> None:
        self.account = next(LOGINS)

    @task
    def log_in_again(self) -> None:
        self.log_in()


class DemoReader(_LoggedIn):
    """A 只读 sub-account of the demo tenant: customer list, search, segment counts."""

    fixed_count = len(PLAN["readers"])

    def on_start(self) -> None:
        self.account = next(READERS)
        self.use_token(self.account["token"])

    @task(4)
    def customer_list(self) -> None:
        self.list_customers()

    @task(3)
    def customer_search(self) -> None:
        query = random.choice(SEARCHES)
        self.client.get("/api/customers", params={"q": query, "page": 1, "size": 20}, name="GET /api/customers?q=")

    @task(3)
    def segment_count(self) -> None:
        self.client.post("/api/segments/count", json={"rules": random.choice(SEGMENT_RULES)},
                         name="POST /api/segments/count")


class TenantWriter(_LoggedIn):
    """The 企业管理员 of a tenant of its own: analysis preview, pre-send check, 10 k-order imports."""

    fixed_count = len(PLAN["writers"])

    def on_start(self) -> None:
        self.account = next(WRITERS)
        self.use_token(self.account["token"])

    @task(3)
    def analysis_preview(self) -> None:
        body = random.choice(({"start": "2025-01-01", "end": "2026-11-30"},
                              {"start": "2024-12-01", "end": "2026-11-30", "threshold": "median"},
                              {"start": "2026-01-01", "end": "2026-11-30", "m_mode": "total"}))
        self.client.post("/api/analyses", json=body, name="POST /api/analyses (preview)")

    @task(3)
    def campaign_preview(self) -> None:
        self.client.post(f"/api/campaigns/{self.account['campaign_id']}/preview",
                         name="POST /api/campaigns/{id}/preview")

    @task(1)
    def customer_list(self) -> None:
        self.list_customers()

    @task(1)
    def import_orders(self) -> None:
        """A 10 k-order CSV through the presigned upload, then polled until the job ends (one event in all)."""
        started = time.perf_counter()
        filename = f"orders-{next(_import_numbers)}.csv"
        created = self.client.post("/api/imports", json={"kind": "orders", "filename": filename, "dry_run": False},
                                   name="POST /api/imports")
        if not created.ok:
            return
        upload = created.json()["upload"]
        sent = self.client.post(upload["url"], data=upload["fields"], name="POST upload (presigned, moto S3)",
                                files={"file": (filename, self._orders_file(filename))})
        if not sent.ok:
            return
        outcome = self._wait_for_import(created.json()["import_id"])
        events.request.fire(request_type="IMPORT", name="import 10k orders (upload → completed)",
                            response_time=(time.perf_counter() - started) * 1000, response_length=0,
                            exception=None if outcome == "completed" else RuntimeError(outcome), context={})

    def _wait_for_import(self, import_id: str) -> str:
        deadline = time.monotonic() + IMPORT_TIMEOUT
        while time.monotonic() < deadline:
            time.sleep(0.5)  # polling the job as the import page does, not waiting for timing
            answer = self.client.get(f"/api/imports/{import_id}", name="GET /api/imports/{id}")
            job = answer.json() if answer.ok else {}
            if job.get("status") in ("completed", "rejected", "failed"):
                new = job["counts"]["new"]
                return job["status"] if new == IMPORT_ORDERS else f"{job['status']} with {new} new orders"
        return f"not finished within {IMPORT_TIMEOUT} s"

    def _orders_file(self, filename: str) -> bytes:
        """10,000 new orders (IDs unique to this run and file) of the tenant's own customers."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["订单编号", "客户编码", "下单时间", "订单金额", "门店"])
        prefix = f"LD{RUN:05d}{self.account['username'][-3:]}{filename[7:-4]}-"
        customers = self.account["customers"]
        for n in range(IMPORT_ORDERS):
            day = random.randint(0, 700)
            when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(time.time() - day * 86400 - random.randint(0, 43200)))
            writer.writerow([f"{prefix}{n:05d}", f"KN{random.randint(1, customers):05d}", when,
                             f"{random.lognormvariate(4.2, 0.8):.2f}", random.choice(("福田店", "南山店", "龙华店"))])
        return out.getvalue().encode("utf-8")
