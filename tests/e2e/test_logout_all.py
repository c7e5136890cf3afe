"""退出所有设备: one device signs the account out everywhere; the other device's next action lands on login."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api
from tests.e2e.test_session_end import create_staff, log_in_on_the_form, stored_token

REVOKED = "登录已失效（密码已修改、账号被停用或已退出所有设备），请重新登录"


@pytest.fixture
def second_page(browser):
    """Another device: a browser context of its own (its own localStorage and token)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def confirm_logout_everywhere(page) -> None:
    box = page.locator(".el-message-box")
    expect(box).to_contain_text("所有设备（包括本设备）上的登录都将失效")
    box.locator(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary").last.click()


def test_a_tenant_user_logs_out_everywhere_from_the_profile_page(stack, page, second_page):
    # Given a tenant user signed in on two devices
    form, _ = Api(stack).approved_tenant(191, "仁心大药房退出测试店")
    account = (form["username"], form["password"], form["contact_phone"])
    for device in (page, second_page):
        device.goto(f"{stack.web}/#/login")
        log_in_on_the_form(device, stack, *account)
        expect(device.locator("[data-testid=company-name]")).to_be_visible()
    second_page.goto(f"{stack.web}/#/customers")
    expect(second_page.locator("[data-testid=customers-table]")).to_be_visible()

    # When the first device asks to sign out everywhere on its 企业资料 page and confirms
    page.goto(f"{stack.web}/#/profile")
    page.locator("[data-testid=profile-logout-all]").click()
    shot(page, "logout-all-01-confirm")
    confirm_logout_everywhere(page)

    # Then it lands on login saying so, its token gone
    expect(page.locator("[data-testid=login-notice]")).to_contain_text("已退出所有设备，请重新登录")
    assert not stored_token(page, "jzyx_user_token")
    shot(page, "logout-all-02-this-device")

    # And the other device's next action lands on login with the revocation message
    second_page.locator("[data-testid=menu-analyses]").click()
    expect(second_page.locator("[data-testid=login-notice]")).to_contain_text(REVOKED)
    shot(second_page, "logout-all-03-other-device")

    # And logging in again works
    log_in_on_the_form(second_page, stack, *account)
    expect(second_page.locator("[data-testid=company-name]")).to_be_visible()


def test_a_staff_member_logs_out_everywhere_from_the_user_menu(stack, page, second_page):
    create_staff(stack, "e2e_cs_all", "13811110191")
    for device in (page, second_page):
        device.goto(f"{stack.web}/admin/#/login")
        log_in_on_the_form(device, stack, "e2e_cs_all", "Staff2026x", "13811110191")
        expect(device.locator("[data-testid=user-menu]")).to_be_visible()

    page.locator("[data-testid=user-menu]").click()
    page.locator("[data-testid=menu-logout-all]").click()
    confirm_logout_everywhere(page)
    expect(page.locator("[data-testid=login-notice]")).to_contain_text("已退出所有设备，请重新登录")
    shot(page, "logout-all-04-admin-this-device")

    second_page.goto(f"{stack.web}/admin/#/tenants")
    expect(second_page.locator("[data-testid=login-notice]")).to_contain_text(REVOKED)
    shot(second_page, "logout-all-05-admin-other-device")
