"""The first user journey in a real browser: register, staff approve, log in with the SMS code, first-use guide."""
import re
import struct
import zlib

from playwright.sync_api import expect

from chalicelib.domain.license import check_character
from tests.e2e.conftest import shot

HEAD = "91440300MA5FE2E00"
COMPANY, CONTACT, MOBILE = "仁心大药房（福田店）", "陈药师", "13700001234"
USERNAME, PASSWORD = "renxin01", "Renxin2026"


def tiny_png() -> bytes:
    """A valid 2×2 PNG, made here so the test needs no fixture file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"\x00\xff\x00\x00\xff\x00\x00" * 2)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def fill(page, test_id: str, value: str) -> None:
    page.locator(f"[data-testid={test_id}]").fill(value)


def pick_region(page) -> None:
    page.locator("[data-testid=reg-region]").click()
    page.locator(".el-cascader-node:has-text('广东省')").first.click()
    page.locator(".el-cascader-node:has-text('深圳市')").first.click()


def log_in(page, stack, url: str, username: str, password: str, mobile: str, name: str) -> None:
    page.goto(url)
    fill(page, "login-username", username)
    fill(page, "login-password", password)
    shot(page, f"{name}-login")
    page.locator("[data-testid=login-submit]").click()
    expect(page.locator("[data-testid=sms-code]")).to_be_visible()
    expect(page.locator("[data-testid=masked-mobile]")).to_contain_text(f"{mobile[:3]}****{mobile[-4:]}")
    fill(page, "sms-code", stack.sms_code(mobile))
    shot(page, f"{name}-sms")
    page.locator("[data-testid=sms-submit]").click()


def test_register_approve_login_and_first_use_guide(stack, page):
    # Given an enterprise that registers in the user portal
    page.goto(f"{stack.web}/#/register")
    fill(page, "reg-company_name", COMPANY)
    fill(page, "reg-contact_name", CONTACT)
    fill(page, "reg-contact_phone", MOBILE)
    fill(page, "reg-license_no", HEAD + "0")  # a wrong check digit first
    page.locator("[data-testid=reg-contact_name]").click()
    pick_region(page)
    page.locator("[data-testid=reg-industry]").click()
    page.locator(".el-select-dropdown__item:has-text('医药')").first.click()
    fill(page, "reg-username", USERNAME)
    fill(page, "reg-password", PASSWORD)
    fill(page, "reg-password2", PASSWORD)
    # The licence image goes from the browser straight to S3 with a presigned POST
    page.locator("[data-testid=reg-license_image-input]").set_input_files(
        files=[{"name": "营业执照.png", "mimeType": "image/png", "buffer": tiny_png()}])
    expect(page.get_by_text("已上传")).to_be_visible()
    page.locator("[data-testid=reg-submit]").click()
    expect(page.get_by_text("校验位不正确").first).to_be_visible()
    shot(page, "01-register-licence-error")
    fill(page, "reg-license_no", HEAD + check_character(HEAD))
    shot(page, "02-register-filled")
    page.locator("[data-testid=reg-submit]").click()
    expect(page.locator("[data-testid=pending-page]")).to_be_visible()
    shot(page, "03-register-pending")

    # When it tries to log in before review, it is told to wait
    page.goto(f"{stack.web}/#/login")
    fill(page, "login-username", USERNAME)
    fill(page, "login-password", PASSWORD)
    page.locator("[data-testid=login-submit]").click()
    expect(page.locator("[data-testid=login-error]")).to_contain_text("审核")
    shot(page, "04-login-while-pending")

    # And platform staff approve it in the admin portal
    log_in(page, stack, f"{stack.web}/admin/#/login", "admin", "Admin12345", "13800000000", "05-admin")
    # (other browser tests of this session may have registered tenants too: at least the demo and this one)
    expect(page.locator("[data-testid=stat-total]")).to_contain_text(re.compile(r"\d"))
    assert int(re.sub(r"\D", "", page.locator("[data-testid=stat-total]").inner_text())) >= 2
    shot(page, "06-admin-home")
    page.goto(f"{stack.web}/admin/#/tenants")
    page.locator("[data-testid=status-tab-pending]").click()
    row = page.locator("[data-testid=tenant-row]", has_text=COMPANY)
    expect(row).to_be_visible()
    shot(page, "07-admin-tenant-list")
    row.locator("[data-testid=tenant-detail]").click()
    expect(page.locator("[data-testid=tenant-name]")).to_have_text(COMPANY)
    expect(page.locator("[data-testid=license-image] img")).to_be_visible()
    page.locator("[data-testid=call-notes]").fill("已电话联系陈药师，执照信息核实无误")
    page.locator("[data-testid=save-notes]").click()
    page.locator("[data-testid=action-approve]").click()
    page.locator(".el-message-box .el-button--primary").click()
    expect(page.locator("[data-testid=tenant-status]")).to_have_attribute("data-status", "approved")
    expect(page.locator("[data-testid=audit-timeline]")).to_contain_text("审核通过")
    shot(page, "08-admin-tenant-approved")

    # Then the enterprise logs in with password and SMS code and sees the first-use guide
    page.context.clear_cookies()
    page.evaluate("localStorage.clear()")
    log_in(page, stack, f"{stack.web}/#/login", USERNAME, PASSWORD, MOBILE, "09-user")
    expect(page.locator("[data-testid=first-use-guide]")).to_be_visible()
    expect(page.locator("[data-testid=guide-step-1]")).to_contain_text("模板")
    expect(page.locator("[data-testid=company-name]")).to_contain_text(COMPANY)
    shot(page, "10-user-home-guide")


def test_hostile_company_name_is_shown_as_plain_text(stack, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    head = "91440300MA5FE2E01"
    page.goto(f"{stack.web}/#/register")
    fill(page, "reg-company_name", "<img src=x onerror=alert(1)>药房")
    fill(page, "reg-contact_name", "<script>alert(2)</script>")
    fill(page, "reg-contact_phone", "13700005678")
    fill(page, "reg-license_no", head + check_character(head))
    pick_region(page)
    page.locator("[data-testid=reg-industry]").click()
    page.locator(".el-select-dropdown__item:has-text('医药')").first.click()
    fill(page, "reg-username", "hostile01")
    fill(page, "reg-password", PASSWORD)
    fill(page, "reg-password2", PASSWORD)
    page.locator("[data-testid=reg-submit]").click()
    expect(page.locator("[data-testid=pending-page]")).to_be_visible()

    log_in(page, stack, f"{stack.web}/admin/#/login", "admin", "Admin12345", "13800000000", "11-admin-hostile")
    page.goto(f"{stack.web}/admin/#/tenants")
    row = page.locator("[data-testid=tenant-row]", has_text="<img src=x onerror=alert(1)>药房")
    expect(row).to_be_visible()
    shot(page, "12-admin-hostile-names")
    assert dialogs == []
