"""The column mapping step in a real browser: an ERP export with its own headers is refused, the user maps the
columns in the dialog, and the same upload is imported without choosing the file again."""
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api
from tests.e2e.test_import_journey import by_id, upload_customers
from tests.e2e.test_registration_to_first_login import log_in


def test_odd_headers_are_mapped_in_the_dialog_and_the_same_upload_imports(stack, page, tmp_path):
    # Given a pharmacy of its own (the mapping it saves would change how the shared demo tenant imports)
    form, _ = Api(stack).approved_tenant(91, "仁心大药房（列名映射测试）")
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "25-mapping")
    expect(by_id(page, "company-name")).to_be_visible()
    page.goto(f"{stack.web}/#/imports")

    # When it uploads an ERP export whose customer code column is called VIP编号
    export = tmp_path / "ERP会员导出.csv"
    export.write_text("VIP编号,姓名,手机\nMAP001,映射客户,13912340001\n", encoding="utf-8")
    upload_customers(page, export)
    expect(by_id(page, "import-result")).to_have_attribute("data-status", "rejected", timeout=30_000)

    # Then it can map the file's own headers to the fields in a dialog
    by_id(page, "import-map-columns").click()
    dialog = by_id(page, "mapping-dialog")
    expect(dialog).to_be_visible()
    # (picked with the keyboard: a click during the dropdown's opening transition was lost now and then,
    # leaving the save button disabled; the file's first header is VIP编号)
    picker = by_id(page, "mapping-customer_code")
    picker.click()
    expect(page.locator(".el-select-dropdown__item:visible", has_text="VIP编号")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).to_contain_text("VIP编号")
    shot(page, "25-import-column-mapping-dialog")
    by_id(page, "mapping-save").click()

    # And the same upload is imported at once
    expect(by_id(page, "import-result")).to_have_attribute("data-status", "completed", timeout=30_000)
    expect(by_id(page, "import-headline-text")).to_contain_text("新增 1 位客户")
    shot(page, "25b-import-after-mapping")
