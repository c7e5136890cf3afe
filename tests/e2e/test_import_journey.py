"""Importing in a real browser: template, a file with mistakes, its row errors, the fixed file, the customer list."""
import io

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_registration_to_first_login import log_in

HEADER = "客户编码,客户名称,手机号,性别,生日,地区,身份证号,标签,短信同意"
BROKEN = [
    "E2E001,林晓燕,13912345601,女,1988-04-12,广东省/深圳市,,慢病;会员,是",
    "E2E002,周国强,1391234,男,1975/7/3,广东省/深圳市,,会员,否",  # mobile too short
    "E2E001,林晓燕（重复）,,,,,,,",  # the same code twice
    "E2E003,郑美玲,13912345603,女,2099-01-01,广东省/深圳市,,,是",  # birthday in the future
]
FIXED = [BROKEN[0], "E2E002,周国强,13912345602,男,1975/7/3,广东省/深圳市,,会员,否",
         "E2E003,郑美玲,13912345603,女,1990-01-01,广东省/深圳市,,母婴,是"]


def by_id(page, name: str):
    return page.locator(f"[data-testid={name}]")


def upload_customers(page, path) -> None:
    by_id(page, "import-kind-customers").click()
    by_id(page, "import-file").locator("input[type=file]").set_input_files(str(path))
    by_id(page, "import-start").click()


def test_template_then_rejected_file_then_fixed_file_then_customer_list(stack, page, tmp_path):
    # Given the demo pharmacy logged in, on the import page
    log_in(page, stack, f"{stack.web}/#/login", "demo", "Demo12345", "13900000000", "20-import")
    expect(by_id(page, "company-name")).to_be_visible()
    page.goto(f"{stack.web}/#/imports")

    # When it downloads the customer template, the file has the Chinese headers
    with page.expect_download() as template:
        by_id(page, "template-customers").click()
    assert template.value.suggested_filename == "客户导入模板.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(template.value.path().read_bytes())).worksheets[0]
    assert [cell.value for cell in sheet[1]][:3] == ["客户编码", "客户名称", "手机号"]

    # When it uploads a file with mistakes, nothing is imported and each row error is listed
    broken = tmp_path / "客户资料.csv"
    broken.write_text("\n".join([HEADER, *BROKEN]) + "\n", encoding="gb18030")
    upload_customers(page, broken)
    result = by_id(page, "import-result")
    expect(result).to_have_attribute("data-status", "rejected", timeout=30_000)
    errors = by_id(page, "import-errors")
    expect(errors).to_contain_text("手机号")
    expect(errors).to_contain_text("生日")
    expect(errors).to_contain_text("重复")
    shot(page, "21-import-rejected-row-errors")

    expect(errors).to_contain_text("手机号“1391234”格式不正确")  # the bad value is quoted
    expect(by_id(page, "import-headline-text")).to_contain_text("原文件的全部行")

    # And the error file is the whole original file, every row in order, with a reason column
    with page.expect_download() as error_file:
        by_id(page, "errors-download").click()
    lines = open(error_file.value.path(), "rb").read().decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER + ",错误原因" and len(lines) == 5
    assert [line.split(",")[0] for line in lines[1:]] == ["E2E001", "E2E002", "E2E001", "E2E003"]

    # When it uploads a file missing a required column, the page says which columns it found
    page.reload()
    wrong = tmp_path / "会员名单.csv"
    wrong.write_text("会员卡,姓名\nV1,张三\n", encoding="utf-8")
    upload_customers(page, wrong)
    expect(result).to_have_attribute("data-status", "rejected", timeout=30_000)
    expect(by_id(page, "import-headline-text")).to_contain_text("缺少必填列：客户编码。文件中找到的列：会员卡、姓名")
    shot(page, "21b-import-missing-column")

    # When it tries the fixed file as a dry run, nothing is stored and it then imports it for real
    page.reload()
    fixed = tmp_path / "客户资料-已修正.csv"
    fixed.write_text("\n".join([HEADER, *FIXED]) + "\n", encoding="utf-8-sig")
    by_id(page, "import-dry-run").click()
    upload_customers(page, fixed)
    expect(result).to_have_attribute("data-status", "completed", timeout=30_000)
    expect(by_id(page, "import-headline")).to_contain_text("试运行通过，未写入任何数据")
    by_id(page, "import-confirm").click()
    expect(by_id(page, "import-headline")).to_contain_text("导入完成", timeout=30_000)
    expect(by_id(page, "count-new")).to_contain_text("3")
    expect(by_id(page, "class-chart")).to_be_visible()  # the class histogram after the import
    shot(page, "22-import-completed")

    # Then the customer list finds them, with the class histogram above
    page.goto(f"{stack.web}/#/customers")
    expect(by_id(page, "class-chart")).to_be_visible()
    by_id(page, "customer-search").fill("E2E00")
    by_id(page, "customer-search").press("Enter")
    expect(by_id(page, "customers-table").locator("[data-testid=customer-row]")).to_have_count(3)
    expect(by_id(page, "customers-table")).to_contain_text("郑美玲")
    expect(by_id(page, "customers-table")).to_contain_text("未分析")  # new customers wait for the next analysis
    shot(page, "23-customer-list")

    # And the history lists the imports, the dry run marked as one and not as 已完成
    page.goto(f"{stack.web}/#/imports/history")
    table = by_id(page, "imports-table")
    expect(table).to_contain_text("客户资料-已修正.csv")
    dry = table.locator("[data-testid^=dry-run-]")
    expect(dry).to_have_count(1)
    expect(table.locator("[data-dry-run=true]")).to_have_text("试运行通过（未写入）")
    expect(table).to_contain_text("预计 新增 3")
    shot(page, "24-import-history")


def test_an_api_key_is_shown_once_pushes_rows_and_is_revoked(stack, page):
    import json
    import urllib.request

    # Given the demo pharmacy on the integration page
    log_in(page, stack, f"{stack.web}/#/login", "demo", "Demo12345", "13900000000", "25-integration")
    expect(by_id(page, "company-name")).to_be_visible()
    page.goto(f"{stack.web}/#/integration")
    expect(by_id(page, "drop-prefix-orders")).to_contain_text("/orders/")

    # When it creates a key, the full key is shown once
    by_id(page, "api-key-create").click()
    by_id(page, "api-key-name").fill("ERP 夜间同步")
    by_id(page, "api-key-submit").click()
    key = by_id(page, "api-key-value").inner_text().strip()
    shot(page, "25-api-key-shown-once")
    by_id(page, "api-key-done").click()

    # Then the ERP can push rows with it
    request = urllib.request.Request(f"{stack.api}/api/bulk/customers", method="POST",
                                     data=json.dumps({"rows": [{"customer_code": "API001", "name": "接口客户"}]}).encode(),
                                     headers={"Content-Type": "application/json", "X-Api-Key": key})
    assert json.load(urllib.request.urlopen(request))["counts"]["new"] == 1

    # And after revoking it in the portal (confirmed first) the key no longer works
    row = by_id(page, "api-keys-table").locator("[data-testid=api-key-row]").first
    row.locator("[data-testid^=api-key-revoke-]").click()
    page.locator(".el-message-box__btns button:has-text('确定吊销')").click()
    expect(row).to_contain_text("已吊销")
    shot(page, "26-api-key-revoked")
    try:
        urllib.request.urlopen(request)
        raise AssertionError("a revoked key was accepted")
    except urllib.error.HTTPError as refused:
        assert refused.code == 401
