"""消息 in a real browser: staff are told a registration waits and approve it from the bell; the tenant then logs in
to an unread count on its bell, reads the message in the popover and on the 消息 page."""
import re

from playwright.sync_api import expect

from chalicelib.domain.license import check_character
from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import ADMIN, Api, by_id, screen  # noqa: F401  (a fixture)
from tests.e2e.test_registration_to_first_login import log_in

SEED = 151
COMPANY = "仁心大药房（消息提醒测试店）"


def register(api: Api) -> dict:
    head = f"91440300MA5FC{SEED:04d}"
    form = {"company_name": COMPANY, "contact_name": "周药师", "contact_phone": f"1370002{SEED:04d}",
            "license_no": head + check_character(head), "industry": "医药",
            "region": {"province": "广东省", "city": "深圳市", "code": "440300"},
            "username": f"notice{SEED}", "password": "Renxin2026"}
    return {**form, "tenant_id": api.call("POST", "/api/auth/register", form)["tenant_id"]}


def test_staff_approve_from_the_bell_and_the_tenant_reads_the_decision(stack, screen):
    form = register(Api(stack))
    # Given staff log in: the bell counts their unread messages, the newest tells of this registration
    log_in(screen, stack, f"{stack.web}/admin/#/login", *ADMIN, "153-staff")
    expect(by_id(screen, "notification-count").locator("sup")).to_have_text(re.compile(r"\d+"))
    by_id(screen, "notification-bell").click()
    waiting = by_id(screen, "bell-item").filter(has_text=COMPANY)
    expect(waiting).to_contain_text("新的企业注册待审核")
    # When they open it, the tenant's page opens, and they approve
    waiting.first.click()
    expect(by_id(screen, "tenant-name")).to_have_text(COMPANY)
    by_id(screen, "action-approve").click()
    screen.locator(".el-message-box .el-button--primary").click()
    expect(by_id(screen, "tenant-status")).to_have_attribute("data-status", "approved")

    # Then the tenant logs in to one unread message on its bell
    screen.context.clear_cookies()
    screen.evaluate("localStorage.clear()")
    log_in(screen, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "154-user")
    expect(by_id(screen, "notification-count").locator("sup")).to_have_text("1")
    by_id(screen, "notification-bell").click()
    message = by_id(screen, "bell-item")
    expect(message).to_have_count(1)
    expect(message).to_contain_text("企业注册已通过审核")
    expect(message).to_contain_text(COMPANY)
    shot(screen, "151-bell")

    # And 全部消息 lists it unread; opening it marks it read and the badge goes
    by_id(screen, "bell-all").click()
    expect(screen).to_have_url(re.compile(r"#/notifications$"))
    row = by_id(screen, "notification-row")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-kind", "registration_approved")
    expect(by_id(screen, "notifications-unread")).to_contain_text("未读（1）")
    shot(screen, "152-notifications-page")
    row.click()
    expect(by_id(screen, "notification-count").locator("sup")).to_be_hidden()
    screen.goto(f"{stack.web}/#/notifications")
    by_id(screen, "notifications-unread").click()
    expect(by_id(screen, "notifications-empty")).to_contain_text("没有未读消息")
