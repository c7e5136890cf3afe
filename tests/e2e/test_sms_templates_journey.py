"""短信模板 in a real browser: a new pharmacy is told it has no signature, sets one in 短信设置, writes a template
with an absolute term (the live check shows the phone text, its length and parts and the warning with its law; a
【】 blocks 提交审核), submits it and watches the local review approve it, then registers an opt-out."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in

SIGNATURE = "仁和大药房"
BODY = "您好，本周六会员日维生素最好的价格，欢迎到{store}选购。"
OPTED_OUT = "13912345678"


def settled(page) -> None:
    """No list is still loading (a screenshot taken now shows the answer, not the spinner)."""
    expect(page.locator(".el-loading-mask:visible")).to_have_count(0)


def success_message(page, text: str) -> None:
    expect(page.locator(".el-message--success").filter(has_text=text).first).to_be_visible()


def write_template(page, api: Api, token: str) -> None:
    """Open the editor and write a template starting with {name}; the live check answers as the API does."""
    by_id(page, "template-new").click()
    by_id(page, "template-name").fill("会员日提醒")
    by_id(page, "template-var-name").click()
    text = by_id(page, "template-text")
    text.press("End")
    text.press_sequentially(BODY)
    expect(text).to_have_value("{name}" + BODY)
    expected = api.call("POST", "/api/sms/templates/check", {"text": "{name}" + BODY, "kind": "marketing"}, token)
    expect(by_id(page, "template-preview")).to_have_text(expected["text"])
    expect(by_id(page, "template-length")).to_contain_text(f"共 {expected['chars']} 字 · 计 {expected['parts']} 条短信")


def test_a_signature_a_template_with_a_warning_approved_and_an_opt_out(stack, browser):
    api = Api(stack)
    form, token = api.approved_tenant(121, "仁和大药房（短信测试）")
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "121-sms")
    expect(by_id(page, "company-name")).to_be_visible()

    # Given a pharmacy without a signature, the template page says so and links to 短信设置
    by_id(page, "menu-sms-templates").click()
    expect(by_id(page, "signature-missing")).to_be_visible()
    expect(by_id(page, "templates-empty")).to_contain_text("还没有短信模板")
    shot(page, "121-sms-templates-empty")
    by_id(page, "signature-missing-link").click()

    # When the admin sets the signature (a bracket or punctuation is refused before it is sent)
    expect(by_id(page, "sms-usage")).to_contain_text("¥0.055")
    by_id(page, "sms-signature").fill("仁和!")
    by_id(page, "sms-settings-save").click()
    expect(page.locator(".el-form-item__error").first).to_contain_text("2–12 个汉字")
    by_id(page, "sms-signature").fill(SIGNATURE)
    by_id(page, "sms-settings-save").click()
    success_message(page, "短信设置已保存")
    assert api.call("GET", "/api/sms/settings", token=token)["signature"] == SIGNATURE
    # (生日关怀 waits for an approved template: its switch is off and says so)
    expect(by_id(page, "sms-birthday-locked")).to_be_visible()
    expect(by_id(page, "sms-birthday-switch")).to_have_class(re.compile("is-disabled"))
    shot(page, "121-sms-settings")

    # An unsaved change survives the browser's Back button: it asks, and 取消 keeps the page and its address
    days = by_id(page, "sms-frequency-days").locator("input")
    days.fill("3")
    days.press("Tab")
    page.go_back()
    leave = page.locator(".el-message-box")
    expect(leave).to_contain_text("短信设置有未保存的修改")
    leave.get_by_role("button", name="取消").click()
    expect(leave).to_have_count(0)
    expect(page).to_have_url(re.compile(r"#/sms/settings$"))
    expect(days).to_have_value("3")
    by_id(page, "menu-sms-templates").click()
    leave.get_by_role("button", name="离开").click()

    # Then the editor shows the phone text with signature and suffix, its length and parts, and the 最好 warning
    by_id(page, "menu-sms-templates").click()
    expect(by_id(page, "templates-empty")).to_be_visible()
    expect(by_id(page, "signature-missing")).to_have_count(0)
    write_template(page, api, token)
    expect(by_id(page, "template-preview")).to_contain_text(f"【{SIGNATURE}】王先生您好")
    expect(by_id(page, "template-preview")).to_contain_text("拒收请回复R")
    warning = page.locator("[data-testid=template-warning][data-rule=superlative]")
    expect(warning).to_contain_text("最好")
    expect(warning).to_contain_text("《广告法》第九条")
    expect(warning).to_have_attribute("data-blocking", "false")
    expect(by_id(page, "template-submit")).to_be_enabled()
    shot(page, "121-sms-template-editor")

    # And a 【】 in the text is a blocking finding: 提交审核 is off until it is gone
    text = by_id(page, "template-text")
    text.fill("{name}" + BODY + "【特价】")
    expect(page.locator("[data-testid=template-warning][data-rule=bracket]")).to_have_attribute("data-blocking", "true")
    expect(by_id(page, "template-submit")).to_be_disabled()
    shot(page, "121-sms-template-blocked")
    text.fill("{name}" + BODY)
    expect(page.locator("[data-testid=template-warning][data-rule=bracket]")).to_have_count(0)
    expect(by_id(page, "template-submit")).to_be_enabled()

    # When it is submitted, the list shows it 审核中 and then 已通过 (the local review approves it by itself)
    by_id(page, "template-submit").click()
    success_message(page, "模板已提交审核")
    row = by_id(page, "templates-table").locator(".el-table__row").filter(has_text="会员日提醒")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("营销")
    expect(row.locator("[data-testid=template-status]")).to_have_attribute("data-status", "pending")
    shot(page, "121-sms-template-pending")
    expect(row.locator("[data-testid=template-status]")).to_have_attribute("data-status", "approved", timeout=40_000)
    expect(row.locator("[data-testid=template-status]")).to_have_text("已通过")
    settled(page)
    shot(page, "121-sms-template-approved")

    # And the rules drawer lists each rule with its source
    by_id(page, "rules-open").click()
    expect(by_id(page, "rules-table")).to_contain_text("《广告法》第九条")
    shot(page, "121-sms-rules")
    page.keyboard.press("Escape")

    # When a number is registered as opted out (a wrong number is refused first)
    by_id(page, "menu-opt-outs").click()
    expect(by_id(page, "opt-outs-empty")).to_contain_text("还没有退订的号码")
    settled(page)
    shot(page, "121-opt-outs-empty")
    by_id(page, "opt-out-new").click()
    by_id(page, "opt-out-mobile").fill("1391234")
    by_id(page, "opt-out-save").click()
    expect(by_id(page, "opt-out-dialog").locator(".el-form-item__error")).to_contain_text("手机号格式不正确")
    by_id(page, "opt-out-mobile").fill(OPTED_OUT)
    by_id(page, "opt-out-save").click()
    success_message(page, "已登记退订")

    # Then the ledger lists it, and a search finds it or says nothing matched
    rows = by_id(page, "opt-out-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(OPTED_OUT[-4:])
    assert api.call("GET", "/api/opt-outs", token=token)["total"] == 1
    settled(page)
    shot(page, "121-opt-outs")
    by_id(page, "opt-out-search").fill("13800000001")
    by_id(page, "opt-out-search-submit").click()
    expect(by_id(page, "opt-outs-empty")).to_contain_text("没有找到")
    by_id(page, "opt-out-search").fill(OPTED_OUT)
    by_id(page, "opt-out-search-submit").click()
    expect(rows).to_have_count(1)
    context.close()
