"""A large export in a real browser (issue 14): beyond EXPORT_JOB_ROWS (500 on the test stack) the customer list's
导出 queues a job, a dialog shows its progress, and the workbook downloads by itself when the job is done."""
import io

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in

CUSTOMERS = 620  # more than the stack's 500: a job


def customers_csv() -> str:
    rows = (f"E{n:05d},导出客户{n},1381800{n:04d},女,1985-06-01,广东省/深圳市,,会员,是" for n in range(1, CUSTOMERS + 1))
    return "客户编码,客户名称,手机号,性别,生日,地区,身份证号,标签,短信同意\n" + "\n".join(rows) + "\n"


def test_a_large_customer_export_shows_its_progress_and_downloads_when_done(stack, browser):
    api = Api(stack)
    form, token = api.approved_tenant(201, "导出任务测试大药房")
    api.import_file(token, "customers", "大批客户.csv", customers_csv())
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    try:
        log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"],
               "201-export-job")
        page.goto(f"{stack.web}/#/customers")
        expect(by_id(page, "customer-export")).to_be_enabled()
        # When the user exports the list of 620 customers
        with page.expect_download(timeout=60_000) as downloaded:
            by_id(page, "customer-export").click()
            # Then a dialog shows the job's progress while the worker builds the file
            dialog = by_id(page, "export-job-dialog")
            expect(dialog).to_be_visible()
            expect(by_id(page, "export-job-progress")).to_be_visible()
            shot(page, "201-export-job-progress")
        # And the workbook downloads by itself once the job is done, every customer in it
        assert downloaded.value.suggested_filename == "客户列表.xlsx"
        sheet = openpyxl.load_workbook(io.BytesIO(downloaded.value.path().read_bytes())).worksheets[0]
        assert sheet.max_row == CUSTOMERS + 1
        expect(dialog).to_be_hidden()
        # (an earlier toast may still be fading out beside it)
        expect(page.locator(".el-message--success").filter(has_text="已导出 620 位客户").last).to_be_visible()
        shot(page, "201-export-job-done")
    finally:
        context.close()
