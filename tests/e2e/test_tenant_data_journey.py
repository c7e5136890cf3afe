"""系统数据管理 in a real browser: the admin finds a tenant on 数据管理, exports all its data and downloads the zip,
requests a deletion in two steps (scope, then company name and own password) and cancels it while cooling off."""
import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import ADMIN, Api, by_id
from tests.e2e.test_registration_to_first_login import log_in

COMPANY = "康宁大药房（数据管理演示店）"


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    yield context.new_page()
    context.close()


def test_admin_exports_a_tenants_data_then_requests_and_cancels_its_deletion(stack, screen):
    api = Api(stack)
    form, token = api.approved_tenant(171, COMPANY)
    api.import_file(token, "customers", "客户.csv", "客户编码,客户名称\nD1,张三\nD2,李四\nD3,王五\n")
    api.import_file(token, "orders", "订单.csv", "订单编号,客户编码,下单时间,订单金额\nSO1,D1,2026-03-01,88\n")
    log_in(screen, stack, f"{stack.web}/admin/#/login", *ADMIN, "171-admin")

    # Given the tenant on 数据管理 with its figures
    screen.goto(f"{stack.web}/admin/#/data")
    by_id(screen, "data-search").fill("数据管理演示店")
    by_id(screen, "data-search-submit").click()
    rows = by_id(screen, "data-row")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("[data-testid=data-customers]")).to_have_text("3")
    shot(screen, "174-data-list")
    rows.first.click()

    # Then the tenant page's data card shows what it stores
    card = by_id(screen, "tenant-data")
    expect(by_id(screen, "stored-customers")).to_have_text("3", timeout=15000)
    expect(by_id(screen, "stored-orders")).to_have_text("1")

    # When the admin exports everything, the progress ends in a download of the zip
    by_id(screen, "export-start").click()
    expect(by_id(screen, "export-status")).to_have_text("已完成", timeout=30000)
    with screen.expect_download() as downloaded:
        by_id(screen, "export-download").click()
    with zipfile.ZipFile(io.BytesIO(open(downloaded.value.path(), "rb").read())) as archive:
        names = archive.namelist()
        customers = next(n for n in names if "客户" in n)
        assert archive.read(customers).decode("utf-8-sig").count("\n") == 4  # header + 3 customers
    assert any("企业资料" in n for n in names) and any("账号" in n for n in names)
    card.scroll_into_view_if_needed()
    shot(screen, "171-tenant-data")

    # When the admin asks to delete: step 1 shows what goes, step 2 asks for the full name and own password
    by_id(screen, "deletion-start").click()
    dialog = by_id(screen, "deletion-dialog")
    expect(by_id(screen, "deletion-scope")).to_contain_text(COMPANY)
    by_id(screen, "deletion-next").click()
    by_id(screen, "deletion-company-name").fill("康宁大药房")
    by_id(screen, "deletion-password").fill(ADMIN[1])
    by_id(screen, "deletion-submit").click()
    expect(dialog).to_contain_text("企业名称与要删除的企业不一致")
    by_id(screen, "deletion-company-name").fill(COMPANY)
    shot(screen, "172-deletion-confirm")
    by_id(screen, "deletion-submit").click()

    # Then the card counts down the cooling-off, and 撤销删除 withdraws it
    expect(by_id(screen, "deletion-due")).to_contain_text("删除该企业全部数据")
    # (the page's clock ticks each minute: just after the request it may still read the full 7 days)
    expect(by_id(screen, "deletion-pending")).to_contain_text(re.compile(r"还剩 [67] 天"))
    shot(screen, "173-deletion-cooling")
    by_id(screen, "deletion-cancel").click()
    screen.locator(".el-message-box .el-button--primary").click()
    expect(by_id(screen, "deletion-pending")).to_have_count(0)
    expect(by_id(screen, "deletion-start")).to_be_visible()
    assert api.call("GET", f"/api/admin/tenants/{form['tenant_id']}/data", token=api.admin())["deletion"] is None
