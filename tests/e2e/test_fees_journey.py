"""交费管理 in a real browser: staff record a payment for a tenant in 宽限期 and both portals show it 正常; a tenant
whose trial ended 30 days ago sees the 已停用 banner and its import is refused with the reason."""
import io
import re
from datetime import date, datetime, timedelta, timezone

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS, shot
from tests.e2e.test_admin_and_small_fixes import ADMIN, Api, by_id
from tests.e2e.test_registration_to_first_login import log_in


def china_today() -> date:
    return datetime.now(timezone(timedelta(hours=8))).date()


def year_from(start: date) -> date:
    """The last day of a 12-month period starting on `start` (what the 登记交费 dialog proposes)."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February: the period ends on the last day of February
        return date(start.year + 1, 2, 28)


def open_fee_list(page, stack, company: str) -> None:
    page.goto(f"{stack.web}/admin/#/fees?q={company}")
    expect(by_id(page, "fee-row")).to_have_count(1)


def test_staff_record_a_payment_in_grace_and_both_portals_show_the_tenant_paid(stack, page):
    api = Api(stack)
    admin = api.admin()
    today = china_today()
    # Given a tenant whose trial ended 3 days ago: in 宽限期, everything still works and a banner warns
    form, _ = api.approved_tenant(141, "康宁大药房（交费测试）")
    tenant_id = form["tenant_id"]
    ended = today - timedelta(days=3)
    api.call("PUT", f"/api/admin/tenants/{tenant_id}/fee-plan", {"fee_plan": "trial", "trial_ends": ended.isoformat()},
             admin)
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "141-user")
    banner = by_id(page, "billing-banner")
    expect(banner).to_contain_text(f"已于 {ended.isoformat()} 到期")
    expect(banner).to_contain_text("400-800-1234")

    # When staff find it among the overdue tenants
    log_in(page, stack, f"{stack.web}/admin/#/login", *ADMIN, "141-admin")
    page.goto(f"{stack.web}/admin/#/fees?view=overdue")  # where the statistics home links
    expect(by_id(page, "fee-view-overdue")).to_have_class(re.compile("is-active"))
    row = by_id(page, "fee-row").filter(has_text="康宁大药房（交费测试）")
    expect(row.locator("[data-testid=fee-state]")).to_have_text("宽限期")

    # And record a year of 标准版 on its page (the period proposed from the day after its service ended)
    row.click()
    card = by_id(page, "tenant-billing")
    expect(card.locator("[data-testid=billing-state]")).to_have_text("宽限期")
    by_id(page, "billing-record").click()
    dialog = by_id(page, "payment-dialog")
    expect(dialog.locator("[data-testid=pay-period] input").first).to_have_value((ended + timedelta(days=1)).isoformat())
    dialog.locator("[data-testid=pay-receipt_no]").fill("SJ-141-001")
    dialog.locator("[data-testid=pay-note]").fill("对公转账到账，财务已核对")
    by_id(page, "pay-submit").click()

    # Then the tenant page shows it 正常 until a year on, with the payment and who recorded it
    paid_until = year_from(ended + timedelta(days=1)).isoformat()
    expect(card.locator("[data-testid=billing-state]")).to_have_text("正常")
    expect(card.locator("[data-testid=billing-paid-until]")).to_have_text(paid_until)
    expect(card.locator("[data-testid=billing-plan]")).to_have_text("标准版")
    payment = card.locator("[data-testid=payment-row]")
    expect(payment).to_have_count(1)
    expect(payment).to_contain_text("¥3,600.00")
    expect(payment).to_contain_text("SJ-141-001")
    expect(payment).to_contain_text("平台管理员")
    expect(by_id(page, "audit-timeline")).to_contain_text("登记交费")  # the page's trail follows without a reload
    shot(page, "142-tenant-billing")

    # And a second payment with the same receipt number is refused on the field
    by_id(page, "billing-record").click()
    dialog.locator("[data-testid=pay-receipt_no]").fill("SJ-141-001")
    by_id(page, "pay-submit").click()
    expect(dialog.locator(".el-form-item__error")).to_contain_text("收据号")
    dialog.locator(".el-dialog__headerbtn").click()

    # And the fee list shows it 正常 with its last payment
    open_fee_list(page, stack, "康宁大药房（交费测试）")
    row = by_id(page, "fee-row")
    expect(row.locator("[data-testid=fee-state]")).to_have_text("正常")
    expect(row.locator("[data-testid=fee-paid-until]")).to_have_text(paid_until)
    expect(row.locator("[data-testid=fee-last-payment]")).to_have_text("¥3,600.00")
    page.mouse.move(0, 0)  # no hover colour left from the dialog's close button
    shot(page, "141-fees-list")

    # And its export is the same list as a workbook
    with page.expect_download() as exported:
        by_id(page, "fees-export").click()
    assert exported.value.suggested_filename == "交费管理.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(exported.value.path().read_bytes())).worksheets[0]
    rows = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert rows[0][:5] == ["企业名称", "联系人", "联系手机", "收费套餐", "状态"]
    assert [r[:5] for r in rows[1:]] == [["康宁大药房（交费测试）", "陈药师", form["contact_phone"], "标准版", "正常"]]

    by_id(page, "fee-state-active").click()
    expect(by_id(page, "fee-row")).to_have_count(1)
    by_id(page, "fee-view-expiring").click()  # paid until next year: not among this month's
    expect(by_id(page, "fees-empty")).to_contain_text("本月到期的企业中没有")
    expect(by_id(page, "fee-state-expiring")).not_to_have_class(re.compile("is-active"))

    # And the tenant, opening its portal again, has no banner and reads the new paid-until in 企业资料
    page.goto(f"{stack.web}/#/profile")
    page.reload()
    billing = by_id(page, "billing-card")
    expect(billing.locator("[data-testid=my-billing-state]")).to_have_text("正常")
    expect(billing.locator("[data-testid=my-billing-paid-until]")).to_have_text(paid_until)
    expect(billing.locator("[data-testid=payment-row]")).to_contain_text("SJ-141-001")
    expect(billing).not_to_contain_text("财务已核对")  # staff notes stay with staff
    expect(by_id(page, "billing-banner")).to_have_count(0)
    shot(page, "143-tenant-profile-billing")


def test_a_tenant_whose_trial_ended_30_days_ago_is_stopped_and_cannot_import(stack, page, tmp_path):
    api = Api(stack)
    form, _ = api.approved_tenant(142, "安和药房（已停用）")
    ended = china_today() - timedelta(days=30)

    # Given the admin moves its trial's end 30 days back on its page
    log_in(page, stack, f"{stack.web}/admin/#/login", *ADMIN, "144-admin")
    page.goto(f"{stack.web}/admin/#/tenants/{form['tenant_id']}")
    card = by_id(page, "tenant-billing")
    expect(card.locator("[data-testid=billing-state]")).to_have_text("试用中")
    by_id(page, "billing-change-plan").click()
    trial_ends = by_id(page, "feeplan-trial_ends").locator("input")
    trial_ends.fill(ended.isoformat())
    trial_ends.press("Enter")
    by_id(page, "feeplan-submit").click()
    expect(card.locator("[data-testid=billing-state]")).to_have_text("已停用")
    expect(card.locator("[data-testid=billing-trial-ends]")).to_have_text(ended.isoformat())

    # And sets the tenant's SMS caps on the same page (the spend guard's limits)
    expect(by_id(page, "sms-caps-today")).to_have_text(re.compile(r"^0 / \d+ 条$"))
    for field, value in (("sms-caps-daily", "500"), ("sms-caps-monthly", "5000")):
        by_id(page, field).locator("input").fill(value)
        by_id(page, field).locator("input").press("Enter")
    by_id(page, "sms-caps-save").click()
    expect(by_id(page, "sms-caps-today")).to_have_text("0 / 500 条")
    expect(by_id(page, "sms-caps-month")).to_have_text("0 / 5000 条")
    by_id(page, "tenant-sms-caps").screenshot(path=str(SHOTS / "144-sms-caps.png"))

    # When the tenant logs in, every page carries the 已停用 banner with the number to call
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "144-user")
    banner = by_id(page, "billing-banner")
    expect(banner).to_contain_text("贵企业的服务已停用")
    expect(banner).to_contain_text("400-800-1234")
    shot(page, "144-stopped-banner")

    # And an import is refused with the reason, the data kept
    page.goto(f"{stack.web}/#/imports")
    expect(banner).to_be_visible()
    sheet = tmp_path / "客户资料.csv"
    sheet.write_text("客户编码,客户名称\nT1,张三\n", encoding="utf-8")
    by_id(page, "import-kind-customers").click()
    by_id(page, "import-file").locator("input[type=file]").set_input_files(str(sheet))
    by_id(page, "import-start").click()
    expect(by_id(page, "import-error")).to_contain_text("暂不能导入数据")
    expect(by_id(page, "import-error")).to_contain_text("续费后恢复")
    shot(page, "145-stopped-import-refused")
