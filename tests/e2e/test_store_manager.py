"""企业子账号 in a real browser: the 企业管理员 creates a 店长 on the 子账号 page; the 店长 logs in with the code
texted to its own mobile and sees only its store's customers, with masked mobiles and no admin menus."""
from playwright.sync_api import expect

from chalicelib.domain.license import check_character
from tests.e2e.conftest import shot
from tests.e2e.test_import_journey import by_id, upload_customers
from tests.e2e.test_registration_to_first_login import fill, log_in
from tests.e2e.test_session_end import api_token, call

ADMIN_NAME, ADMIN_PASSWORD, ADMIN_MOBILE = "chain01", "Chain2026x", "13700005678"
MANAGER_NAME, MANAGER_PASSWORD, MANAGER_MOBILE = "nanshan01", "Nanshan2026", "13700008765"
CUSTOMERS = ("客户编码,客户名称,手机号,所属门店\n"
             "NS001,南山客户甲,13811110001,南山店\nNS002,南山客户乙,13811110002,南山店\n"
             "FT001,福田客户丙,13811110003,福田店\n").encode("utf-8")


def chain_with_two_stores(stack, page, tmp_path) -> None:
    """A registered and approved tenant whose 企业管理员 imports customers of 南山店 and 福田店 on the import page."""
    head = "91440300CH41N0001"
    form = {"company_name": "连锁大药房", "contact_name": "周总", "contact_phone": ADMIN_MOBILE,
            "license_no": head + check_character(head), "region": {"province": "广东省", "city": "深圳市", "code": "440300"},
            "industry": "医药", "username": ADMIN_NAME, "password": ADMIN_PASSWORD}
    status, registered = call(stack, "POST", "/api/auth/register", form)
    assert status == 201, registered
    staff = api_token(stack, "admin", "Admin12345", "13800000000")
    assert call(stack, "POST", f"/api/admin/tenants/{registered['tenant_id']}/approve", {}, token=staff)[0] == 200
    log_in(page, stack, f"{stack.web}/#/login", ADMIN_NAME, ADMIN_PASSWORD, ADMIN_MOBILE, "30-accounts-admin")
    expect(by_id(page, "company-name")).to_be_visible()
    page.goto(f"{stack.web}/#/imports")
    customers = tmp_path / "门店客户.csv"
    customers.write_bytes(CUSTOMERS)
    upload_customers(page, customers)
    expect(by_id(page, "import-result")).to_have_attribute("data-status", "completed", timeout=30_000)


def test_a_store_manager_created_on_the_accounts_page_sees_only_its_store(stack, page, tmp_path):
    # Given the 企业管理员 of a chain with two stores, on the 子账号 page
    chain_with_two_stores(stack, page, tmp_path)
    by_id(page, "menu-accounts").click()
    expect(page.locator(".account-row")).to_have_count(1)
    # When it creates a 店长 of 南山店
    by_id(page, "account-create").click()
    by_id(page, "account-store").click()
    page.locator(".el-select-dropdown__item:visible", has_text="南山店").click()
    fill(page, "account-username", MANAGER_NAME)
    fill(page, "account-display_name", "南山店长")
    fill(page, "account-mobile", MANAGER_MOBILE)
    fill(page, "account-password", MANAGER_PASSWORD)
    shot(page, "30-accounts-create-dialog")
    by_id(page, "account-submit").click()
    expect(page.locator(".account-row")).to_have_count(2)
    expect(page.locator(".account-row").nth(1)).to_contain_text("南山店")
    shot(page, "30b-accounts-list")

    # Then the 店长 logs in with the code texted to its own mobile
    page.context.clear_cookies()
    page.evaluate("localStorage.clear()")
    log_in(page, stack, f"{stack.web}/#/login", MANAGER_NAME, MANAGER_PASSWORD, MANAGER_MOBILE, "30c-store-manager")
    expect(by_id(page, "account-role-text")).to_have_text("店长 · 南山店")
    # And sees no admin menus
    for menu in ("menu-imports", "menu-accounts", "menu-analysis", "menu-integration"):
        expect(by_id(page, menu)).to_have_count(0)
    # And its customer list holds its store's customers only, mobiles masked
    by_id(page, "menu-customers").click()
    rows = page.locator(".el-table__body tr")
    expect(rows).to_have_count(2)
    expect(page.locator(".el-table__body")).to_contain_text("南山客户甲")
    expect(page.locator(".el-table__body")).not_to_contain_text("福田客户丙")
    expect(page.locator(".el-table__body")).to_contain_text("138****0001")
    shot(page, "30d-store-manager-customers")
    # And a typed-in admin address opens the home page instead
    page.goto(f"{stack.web}/#/accounts")
    expect(page).to_have_url(f"{stack.web}/#/")
