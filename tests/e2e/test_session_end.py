"""A session that ends (expired token, tenant or staff disabled) leads to the login page, and back after.

Issue 9 items 1 and 11: the authorizer's refusal used to reach the browser without CORS headers
(shown as 网络错误 with a useless 重试), and every 401 — a wrong password too — read 登录已过期.
"""
import json
import os
import re
import time
import urllib.error
import urllib.request

import jwt
import pytest
from playwright.sync_api import expect

from chalicelib.config import LOCAL_JWT_SECRET
from tests.e2e.conftest import shot

DEMO, DEMO_PASSWORD, DEMO_MOBILE = "demo", "Demo12345", "13900000000"
ADMIN, ADMIN_PASSWORD, ADMIN_MOBILE = "admin", "Admin12345", "13800000000"
USER_TOKEN, ADMIN_TOKEN = "jzyx_user_token", "jzyx_admin_token"


def call(stack, method: str, path: str, body=None, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(stack.api + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def api_token(stack, username: str, password: str, mobile: str) -> str:
    status, challenge = call(stack, "POST", "/api/auth/login", {"username": username, "password": password})
    assert status == 200, challenge
    status, session = call(stack, "POST", "/api/auth/verify",
                           {"challenge_id": challenge["challenge_id"], "code": stack.sms_code(mobile)})
    assert status == 200, session
    return session["token"]


def create_staff(stack, username: str, mobile: str, role: str = "customer_service") -> None:
    admin = api_token(stack, ADMIN, ADMIN_PASSWORD, ADMIN_MOBILE)
    status, answer = call(stack, "POST", "/api/admin/staff", {
        "username": username, "display_name": "测试客服", "mobile": mobile, "role": role,
        "password": "Staff2026x"}, token=admin)
    assert status == 201, answer


def submit_password(page, username: str, password: str) -> None:
    """Fill and send the first login step; returns once the server has answered."""
    page.locator("[data-testid=login-username]").fill(username)
    page.locator("[data-testid=login-password]").fill(password)
    with page.expect_response(lambda answer: answer.url.endswith("/api/auth/login")
                              and answer.request.method == "POST"):
        page.locator("[data-testid=login-submit]").click()


def log_in_on_the_form(page, stack, username: str, password: str, mobile: str) -> None:
    """Password then SMS code on the login page already open."""
    submit_password(page, username, password)
    expect(page.locator("[data-testid=sms-code]")).to_be_visible()
    page.locator("[data-testid=sms-code]").fill(stack.sms_code(mobile))
    page.locator("[data-testid=sms-submit]").click()


def stored_token(page, key: str) -> str:
    return page.evaluate("key => localStorage.getItem(key)", key)


def expired_copy(token: str) -> str:
    """The same session's claims, signed as the local stack signs them, ended an hour ago."""
    claims = jwt.decode(token, options={"verify_signature": False})
    now = int(time.time())
    claims.update(iat=now - 13 * 3600, exp=now - 3600)
    # The stack inherits this process's environment: JWT_SECRET when set, else the local stage's key.
    return jwt.encode(claims, os.environ.get("JWT_SECRET") or LOCAL_JWT_SECRET, algorithm="HS256")


def expect_login_page_saying(page, words: str, back_to: str) -> None:
    expect(page.locator("[data-testid=login-notice]")).to_contain_text(words)
    expect(page).to_have_url(re.compile(r"#/login\?(.*&)?redirect=(" + re.escape(back_to) + "|"
                                        + re.escape(back_to.replace("/", "%2F")) + ")(&|$)"))
    expect(page.get_by_text("网络错误")).to_have_count(0)


def test_an_expired_session_sends_the_user_to_log_in_and_back_to_the_page(stack, page):
    page.goto(f"{stack.web}/#/login")
    log_in_on_the_form(page, stack, DEMO, DEMO_PASSWORD, DEMO_MOBILE)
    expect(page.locator("[data-testid=company-name]")).to_be_visible()
    page.goto(f"{stack.web}/#/customers")
    expect(page.locator("[data-testid=customers-table]")).to_be_visible()

    # When the token expires while the page is open and the user reloads it
    page.evaluate("([key, token]) => localStorage.setItem(key, token)",
                  [USER_TOKEN, expired_copy(stored_token(page, USER_TOKEN))])
    page.reload()

    # Then the login page says so and keeps the page to return to
    expect_login_page_saying(page, "登录已过期，请重新登录", "/customers")
    assert not stored_token(page, USER_TOKEN)
    shot(page, "session-end-01-expired-login")

    # And logging in again returns to that page
    log_in_on_the_form(page, stack, DEMO, DEMO_PASSWORD, DEMO_MOBILE)
    expect(page).to_have_url(re.compile(r"#/customers$"))
    expect(page.locator("[data-testid=customers-table]")).to_be_visible()
    expect(page.locator("[data-testid=company-name]")).to_be_visible()
    shot(page, "session-end-02-back-on-customers")


def test_a_tenant_disabled_mid_session_sees_the_reason_on_the_login_page(stack, page):
    page.goto(f"{stack.web}/#/login")
    log_in_on_the_form(page, stack, DEMO, DEMO_PASSWORD, DEMO_MOBILE)
    page.goto(f"{stack.web}/#/customers")
    expect(page.locator("[data-testid=customers-table]")).to_be_visible()
    tenant_id = jwt.decode(stored_token(page, USER_TOKEN), options={"verify_signature": False})["tenant_id"]
    admin = api_token(stack, ADMIN, ADMIN_PASSWORD, ADMIN_MOBILE)

    # When platform staff disable the tenant while its user has a page open
    status, answer = call(stack, "POST", f"/api/admin/tenants/{tenant_id}/disable", {}, token=admin)
    assert status == 200, answer
    try:
        # Then the user's next action lands on the login page with the refusal
        page.locator("[data-testid=menu-analyses]").click()
        expect_login_page_saying(page, "您的企业账号已被禁用", "/analyses")
        shot(page, "session-end-03-tenant-disabled")
    finally:
        status, answer = call(stack, "POST", f"/api/admin/tenants/{tenant_id}/enable", {}, token=admin)
        assert status == 200, answer

    # And once enabled again, logging in returns to the page the user was opening
    log_in_on_the_form(page, stack, DEMO, DEMO_PASSWORD, DEMO_MOBILE)
    expect(page).to_have_url(re.compile(r"#/analyses$"))


def test_a_staff_member_disabled_mid_session_is_sent_to_the_admin_login(stack, page):
    create_staff(stack, "e2e_cs_off", "13811110001")
    page.goto(f"{stack.web}/admin/#/login")
    log_in_on_the_form(page, stack, "e2e_cs_off", "Staff2026x", "13811110001")
    page.goto(f"{stack.web}/admin/#/tenants")
    expect(page.locator("[data-testid=status-tab-pending]")).to_be_visible()

    admin = api_token(stack, ADMIN, ADMIN_PASSWORD, ADMIN_MOBILE)
    status, answer = call(stack, "POST", "/api/admin/staff/e2e_cs_off/disable", {}, token=admin)
    assert status == 200, answer

    page.locator("[data-testid=menu-home]").click()
    expect_login_page_saying(page, "该账号已被停用", "/")
    assert not stored_token(page, ADMIN_TOKEN)
    shot(page, "session-end-04-staff-disabled")


@pytest.mark.parametrize("portal, login_path, username, mobile", [
    ("user", "/#/login", "e2e_lock_u", "13811110002"),
    ("admin", "/admin/#/login", "e2e_lock_a", "13811110003"),
])
def test_a_wrong_password_shows_the_servers_message_then_the_lock(stack, page, portal, login_path, username, mobile):
    create_staff(stack, username, mobile)
    page.goto(f"{stack.web}{login_path}")
    error = page.locator("[data-testid=login-error]")
    submit_password(page, username, "Wrong12345")
    expect(error).to_contain_text("登录名或密码错误")
    expect(page.get_by_text("登录已过期")).to_have_count(0)
    shot(page, f"session-end-{portal}-wrong-password")

    for attempt in range(4):
        submit_password(page, username, f"Wrong{attempt}2345")
    expect(error).to_contain_text("账号已锁定")
    shot(page, f"session-end-{portal}-locked")


def test_changing_ones_password_keeps_this_session_and_ends_the_others(stack, page):
    # Given a staff member signed in in the browser and, elsewhere, with an older session
    create_staff(stack, "e2e_cs_pwd", "13811110009")
    elsewhere = api_token(stack, "e2e_cs_pwd", "Staff2026x", "13811110009")
    page.goto(f"{stack.web}/admin/#/login")
    log_in_on_the_form(page, stack, "e2e_cs_pwd", "Staff2026x", "13811110009")
    expect(page.locator("[data-testid=user-menu]")).to_be_visible()
    before = stored_token(page, ADMIN_TOKEN)

    # When they change their password in the portal
    page.locator("[data-testid=user-menu]").click()
    page.locator("[data-testid=menu-password]").click()
    page.locator("[data-testid=pwd-old]").fill("Staff2026x")
    page.locator("[data-testid=pwd-new]").fill("Staff2026y")
    page.locator("[data-testid=pwd-confirm]").fill("Staff2026y")
    page.locator("[data-testid=pwd-submit]").click()
    expect(page.get_by_text("密码已修改")).to_be_visible()

    # Then this browser keeps working with the fresh token, and the older session is refused
    assert stored_token(page, ADMIN_TOKEN) not in ("", before)
    page.goto(f"{stack.web}/admin/#/tenants")
    expect(page.locator("[data-testid=status-tab-pending]")).to_be_visible()
    assert "/login" not in page.url
    assert call(stack, "GET", "/api/me", token=elsewhere)[0] == 401
    shot(page, "session-end-09-password-changed")
