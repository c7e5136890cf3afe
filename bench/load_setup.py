"""The load test's population, made through the API of a running local stack before locust starts.

- readers: 只读 sub-accounts of the demo tenant (demo / Demo12345). They only read its customers; the demo's
  data (customers, orders, analyses, segments, campaigns) is never changed, only these logins are added.
- writers: one new tenant each (registered, approved by the platform admin), its 企业管理员 logged in by the
  load test: 2,000 customers and their two years of orders imported here, an SMS signature, an approved
  marketing template and a draft campaign to every customer (10 % control group) for the pre-send check.

Every run gets a fresh tag in its login names and mobiles, so a run never meets the per-login limits
(one code a minute, five wrong tries) of an earlier one.
"""
import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import requests

from bench.load_sms import SmsInbox
from chalicelib.domain.license import check_character
from local.demo.files import demo_files

ADMIN = ("admin", "Admin12345", "13800000000")
DEMO = ("demo", "Demo12345", "13900000000")
PASSWORD = "Load2026ab"
WRITER_CUSTOMERS = 2000
TEMPLATE_TEXT = "{name}您好，本周六会员日全场九折"


class SetupFailed(RuntimeError):
    pass


class Api:
    """JSON calls to the stack's API, logging in with the codes `inbox` finds."""

    def __init__(self, api_url: str, inbox: SmsInbox):
        self.url, self.inbox = api_url.rstrip("/"), inbox
        self.codes_used: dict[str, int] = {}

    def call(self, method: str, path: str, body=None, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:
            raise SetupFailed(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}") from None

    def log_in(self, username: str, password: str, mobile: str) -> str:
        self.inbox.refresh()
        seen = len(self.inbox.codes(mobile))
        started = self.call("POST", "/api/auth/login", {"username": username, "password": password})
        code = self.inbox.wait_for_code(mobile, seen)
        self.codes_used[mobile] = seen + 1
        return self.call("POST", "/api/auth/verify", {"challenge_id": started["challenge_id"], "code": code})["token"]

    def import_file(self, token: str, kind: str, filename: str, content: bytes, timeout: float = 600) -> dict:
        created = self.call("POST", "/api/imports", {"kind": kind, "filename": filename, "dry_run": False}, token)
        upload = created["upload"]
        sent = requests.post(upload["url"], data=upload["fields"], files={"file": (filename, content)}, timeout=120)
        if sent.status_code not in (200, 201, 204):
            raise SetupFailed(f"upload of {filename}: {sent.status_code} {sent.text[:300]}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.call("GET", f"/api/imports/{created['import_id']}", token=token)
            if job["status"] in ("completed", "rejected", "failed"):
                if job["status"] != "completed":
                    raise SetupFailed(f"import {filename}: {job['status']} {job.get('message')}")
                return job
            time.sleep(0.5)
        raise SetupFailed(f"import {filename} did not finish within {timeout:.0f} s")


def run_tag() -> int:
    """Five digits that differ between runs on one stack (seconds of the day, in tens)."""
    return int(time.time() // 10) % 100_000


def mobile(tag: int, kind: int, index: int) -> str:
    return f"136{tag:05d}{kind}{index:02d}"


def prepare(api_url: str, inbox: SmsInbox, readers: int, writers: int, tag: int | None = None) -> dict:
    """Create the readers and writers; return the plan the locust file reads."""
    tag = run_tag() if tag is None else tag
    api = Api(api_url, inbox)
    admin = api.log_in(*ADMIN)
    reader_accounts = _readers(api, tag, readers)
    with ThreadPoolExecutor(max_workers=3) as pool:
        writer_accounts = list(pool.map(lambda i: _writer(api, admin, tag, i), range(writers)))
    for account in (*reader_accounts, *writer_accounts):
        account["seen"] = api.codes_used.get(account["mobile"], 0)
    return {"api": api_url, "tag": tag, "readers": reader_accounts, "writers": writer_accounts}


def _readers(api: Api, tag: int, count: int) -> list[dict]:
    demo = api.log_in(*DEMO)
    accounts = []
    for index in range(count):
        account = {"username": f"ld{tag:05d}r{index:02d}", "password": PASSWORD, "mobile": mobile(tag, 1, index)}
        api.call("POST", "/api/accounts", {**account, "display_name": f"压测只读{index}", "role": "tenant_readonly",
                                           "show_mobile": False}, demo)
        accounts.append(account)
    return accounts


def _writer(api: Api, admin: str, tag: int, index: int) -> dict:
    head = f"91440300LD{tag:05d}{index:02d}"
    form = {"company_name": f"压测药房{tag:05d}-{index:02d}", "contact_name": "陈药师",
            "contact_phone": mobile(tag, 2, index), "license_no": head + check_character(head), "industry": "医药",
            "region": {"province": "广东省", "city": "深圳市", "code": "440300"},
            "username": f"ld{tag:05d}w{index:02d}", "password": PASSWORD}
    tenant_id = api.call("POST", "/api/auth/register", form)["tenant_id"]
    api.call("POST", f"/api/admin/tenants/{tenant_id}/approve", {}, admin)
    token = api.log_in(form["username"], PASSWORD, form["contact_phone"])
    files = demo_files(customers=WRITER_CUSTOMERS, seed=100 + index)
    api.import_file(token, "customers", "customers.csv", files["customers"])
    orders = api.import_file(token, "orders", "orders.csv", files["orders"])
    return {"username": form["username"], "password": PASSWORD, "mobile": form["contact_phone"],
            "tenant_id": tenant_id, "customers": WRITER_CUSTOMERS, "orders": orders["counts"]["new"],
            "campaign_id": _draft_campaign(api, token, f"压测{tag:05d}店{index:02d}")}


def _draft_campaign(api: Api, token: str, signature: str) -> str:
    api.call("PUT", "/api/sms/settings", {"signature": signature}, token)  # a signature is one tenant's only
    template = api.call("POST", "/api/sms/templates", {"name": "会员日", "kind": "marketing", "text": TEMPLATE_TEXT},
                        token)
    deadline = time.monotonic() + 120
    while api.call("GET", f"/api/sms/templates/{template['template_id']}", token=token)["status"] != "approved":
        if time.monotonic() > deadline:
            raise SetupFailed("the local provider did not approve the template within 120 s")
        time.sleep(1)  # the local stack reviews templates itself after a few seconds
    campaign = api.call("POST", "/api/campaigns", {"name": "会员日活动", "rules": {"all": []},
                                                   "template_id": template["template_id"], "holdout_share": 0.1}, token)
    return campaign["campaign_id"]
