"""What staff and users read, in a real browser at 1366×768: pending profile changes, full long names,
display names and Chinese labels in the audit trail, the favicon, the first-use guide's ticks, the daily bars."""
import json
import re
import time
import urllib.error
import urllib.request

import pytest
import requests
from playwright.sync_api import expect

from chalicelib.domain.license import check_character
from tests.e2e.conftest import shot
from tests.e2e.test_registration_to_first_login import log_in

LONG_NAME = "深圳市南山区科技园康宁健康大药房连锁有限公司第一百二十三分店（蛇口旗舰店）"
LONG_FILE = "2026年11月南山蛇口旗舰店会员客户资料导出（含积分与标签、已核对手机号）最终版.csv"
ADMIN = ("admin", "Admin12345", "13800000000")


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    yield context.new_page()
    context.close()


def by_id(page, name: str):
    return page.locator(f"[data-testid={name}]")


class Api:
    """The API as a script would call it, to put a tenant in the state a test needs."""

    def __init__(self, stack):
        self.stack = stack

    def call(self, method: str, path: str, body=None, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.stack.api}{path}", data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path} → {error.code} {error.read().decode()}") from None

    def log_in(self, username: str, password: str, mobile: str) -> str:
        started = self.call("POST", "/api/auth/login", {"username": username, "password": password})
        code = self.stack.sms_code(mobile)
        return self.call("POST", "/api/auth/verify", {"challenge_id": started["challenge_id"], "code": code})["token"]

    def admin(self) -> str:
        """The platform admin's token, logged in once per stack (no test changes the admin's password or ends
        its sessions)."""
        if not getattr(self.stack, "admin_token", None):
            self.stack.admin_token = self.log_in(*ADMIN)
        return self.stack.admin_token

    def approved_tenant(self, seed: int, company: str) -> tuple[dict, str]:
        """(registration form, tenant user token) of a newly registered tenant the platform admin approved."""
        head = f"91440300MA5FC{seed:04d}"
        form = {"company_name": company, "contact_name": "陈药师", "contact_phone": f"1370002{seed:04d}",
                "license_no": head + check_character(head), "industry": "医药",
                "region": {"province": "广东省", "city": "深圳市", "code": "440300"},
                "username": f"smallfix{seed}", "password": "Renxin2026"}
        tenant_id = self.call("POST", "/api/auth/register", form)["tenant_id"]
        self.call("POST", f"/api/admin/tenants/{tenant_id}/approve", {}, self.admin())
        return {**form, "tenant_id": tenant_id}, self.log_in(form["username"], form["password"], form["contact_phone"])

    def import_file(self, token: str, kind: str, filename: str, content: str) -> dict:
        created = self.call("POST", "/api/imports", {"kind": kind, "filename": filename, "dry_run": False}, token)
        upload = created["upload"]
        sent = requests.post(upload["url"], data=upload["fields"], files={"file": (filename, content.encode())}, timeout=30)
        assert sent.status_code in (200, 201, 204), sent.text
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job = self.call("GET", f"/api/imports/{created['import_id']}", token=token)
            if job["status"] in ("completed", "rejected", "failed"):
                assert job["status"] == "completed", job
                return job
            time.sleep(0.3)  # polling the import until it ends, not waiting for timing
        raise AssertionError(f"import {created['import_id']} did not finish")

    def save_analysis(self, token: str, analysis_id: str) -> str:
        """Save a previewed analysis and wait until a worker has put its classes on the customers."""
        saved = self.call("POST", f"/api/analyses/{analysis_id}/save", token=token)["analysis_id"]
        deadline = time.monotonic() + 60
        while (update := self.call("GET", f"/api/analyses/{saved}", token=token)["class_update"]["status"]) != "done":
            assert update in ("pending", "running") and time.monotonic() < deadline, update
            time.sleep(0.3)
        return saved


def hover_tooltip(page, cell) -> str:
    """The text of the Element Plus tooltip shown while hovering `cell`."""
    cell.hover()
    tooltip = page.locator(".el-popper.is-dark:visible").last
    expect(tooltip).to_be_visible()
    return tooltip.inner_text()


def test_no_console_error_and_a_favicon_on_the_login_and_home_pages_of_both_portals(stack, screen):
    problems = []
    screen.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    screen.on("pageerror", lambda e: problems.append(str(e)))

    # /favicon.ico (what a browser asks for by default, and what both portals link to) is an icon
    answer = screen.request.get(f"{stack.web}/favicon.ico")
    assert answer.status == 200 and answer.headers["content-type"] == "image/x-icon"
    assert answer.body()[:4] == b"\x00\x00\x01\x00"  # the ICO signature

    log_in(screen, stack, f"{stack.web}/#/login", "demo", "Demo12345", "13900000000", "40-user")
    expect(by_id(screen, "company-name")).to_be_visible()
    expect(by_id(screen, "home-orders")).to_be_visible()
    screen.context.clear_cookies()
    screen.evaluate("localStorage.clear()")
    log_in(screen, stack, f"{stack.web}/admin/#/login", *ADMIN, "41-admin")
    expect(by_id(screen, "stat-total")).to_be_visible()
    expect(by_id(screen, "registrations-chart").locator("canvas")).to_be_visible()
    icons = screen.locator("link[rel=icon]")
    assert icons.evaluate("link => new URL(link.href).pathname") == "/favicon.ico"
    assert problems == []


def test_staff_find_a_pending_profile_change_from_the_overview_and_read_its_trail_in_plain_chinese(stack, screen):
    api = Api(stack)
    # Given a tenant with a long name that asks to change its company name
    form, token = api.approved_tenant(1, LONG_NAME)
    profile = {k: form[k] for k in ("company_name", "contact_name", "contact_phone", "license_no", "region", "industry")}
    api.call("PUT", "/api/me/profile", {**profile, "company_name": "康宁健康大药房（蛇口旗舰店）"}, token)

    # When staff open the overview, it tells them and links to the filtered tenant list
    log_in(screen, stack, f"{stack.web}/admin/#/login", *ADMIN, "42-admin")
    expect(by_id(screen, "pending-changes-alert")).to_contain_text("1 家企业修改了企业资料")
    expect(by_id(screen, "stat-changes")).to_contain_text("1")
    # The daily registrations are bars, not a smoothed line
    expect(by_id(screen, "registrations-chart")).to_have_attribute("aria-label", re.compile("柱状图"))
    shot(screen, "43-admin-home-pending-changes")
    by_id(screen, "go-pending-changes").click()

    # Then the list shows only that tenant, with a badge, and its long name can be read in full
    expect(by_id(screen, "filter-pending-changes").locator("input")).to_be_checked()
    rows = by_id(screen, "tenant-row")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("[data-testid=pending-change-badge]")).to_have_text("资料变更待审")
    name_cell = rows.first.locator("td").first
    assert name_cell.evaluate("td => td.querySelector('.cell').scrollWidth > td.querySelector('.cell').clientWidth")
    assert hover_tooltip(screen, name_cell) == LONG_NAME
    shot(screen, "44-admin-tenants-pending-changes")

    # When staff approve the change, the trail names the field in Chinese and the staff member by name
    rows.first.locator("[data-testid=tenant-detail]").click()
    by_id(screen, "action-approve-changes").click()
    screen.locator(".el-message-box .el-button--primary").click()
    timeline = by_id(screen, "audit-timeline")
    expect(timeline).to_contain_text("通过资料变更")
    expect(timeline).to_contain_text("企业名称：康宁健康大药房（蛇口旗舰店）")
    expect(timeline).not_to_contain_text("company_name")
    expect(timeline).to_contain_text("操作人：平台管理员")
    expect(timeline).not_to_contain_text("操作人：admin")
    expect(by_id(screen, "reviewed-by")).to_have_text("平台管理员")
    shot(screen, "45-admin-tenant-trail")

    # And the filtered list is empty again
    screen.goto(f"{stack.web}/admin/#/tenants?changes=1")
    expect(by_id(screen, "tenants-empty")).to_contain_text("没有待审核的资料变更")


def test_the_first_use_guide_ticks_each_step_as_the_data_shows_it_done(stack, screen):
    api = Api(stack)
    form, token = api.approved_tenant(2, "仁和药房（新手指引）")
    log_in(screen, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "46-user")

    # Given nothing imported yet, no step is ticked
    expect(by_id(screen, "first-use-guide")).to_be_visible()
    expect(screen.locator("[data-testid^=guide-done-]")).to_have_count(0)

    # When customers and orders are imported, the template, customer and order steps are done
    api.import_file(token, "customers", LONG_FILE, "客户编码,客户名称\nG1,张三\nG2,李四\n")
    api.import_file(token, "orders", "订单.csv",
                    "订单编号,客户编码,下单时间,订单金额\nSO1,G1,2026-03-01,88\nSO2,G2,2026-03-02,99\n")
    screen.reload()
    for step in (1, 2, 3):
        expect(by_id(screen, f"guide-done-{step}")).to_be_visible()
    expect(by_id(screen, "guide-done-4")).to_have_count(0)
    shot(screen, "47-user-home-guide-ticked")

    # And once an analysis is saved, the fourth step too (the guide folds under the snapshot)
    preview = api.call("POST", "/api/analyses", {"start": "2026-01-01", "end": "2026-03-31"}, token)
    api.call("POST", f"/api/analyses/{preview['analysis_id']}/save", {}, token)
    screen.reload()
    by_id(screen, "guide-collapsed").locator(".el-collapse-item__header").click()
    for step in (1, 2, 3, 4):
        expect(by_id(screen, f"guide-done-{step}")).to_be_visible()

    # The import history shows the long file name in full on hover
    screen.goto(f"{stack.web}/#/imports/history")
    row = by_id(screen, "import-row").filter(has_text="2026年11月")
    file_cell = row.locator("td").nth(3)
    assert hover_tooltip(screen, file_cell) == LONG_FILE
    shot(screen, "48-user-import-history-tooltip")
