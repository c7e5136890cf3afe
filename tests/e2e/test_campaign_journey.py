"""营销活动 in a real browser: from a comparison matrix cell 新建短信活动 with an approved template, read the
pre-send check (who is left out and why, cost, three phone bubbles, the send window, the detectable lift), send
it after a confirmation naming count and cost, watch the local simulator's receipts arrive, then import new
orders and read the 效果报告 (sent against control, per 7 and 30 days, with the note that the window is open)."""
import re
import time
from datetime import datetime

from playwright.sync_api import expect

from chalicelib.domain.rfm.params import CHINA
from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in
from tests.e2e.test_segments_journey import biggest_move, pharmacy_with_two_analyses

SIGNATURE = "仁济大药房"
TEMPLATE = "{name}您好，本周会员日全场满99减10，欢迎到{store}选购。"
EXCLUSION_KEYS = ("no_mobile", "invalid_mobile", "duplicate_mobile", "no_consent", "opted_out", "frequency_cap",
                  "daily_limit")


def pharmacy_ready_to_send(api: Api) -> tuple[dict, str, str, str]:
    """A new pharmacy with the demo customers (with SMS consent) and orders, two saved analyses half a year apart,
    a signature and an approved marketing template: (form, token, older analysis, newer analysis)."""
    form, token, before, after = pharmacy_with_two_analyses(api, 131, "仁济大药房（活动测试）")
    api.call("PUT", "/api/sms/settings", {"signature": SIGNATURE}, token)
    template = api.call("POST", "/api/sms/templates", {"name": "会员日满减", "kind": "marketing", "text": TEMPLATE}, token)
    wait_for(lambda: api.call("GET", f"/api/sms/templates/{template['template_id']}", token=token)["status"] == "approved",
             "the local review to approve the template", 120)
    return form, token, before, after


def wait_for(condition, what: str, seconds: float) -> None:
    """Polls `condition` (an API read) until it holds: the work it waits for runs on the stack's own clock."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def new_orders(codes: list[str]) -> str:
    """An order file with one order for each customer, placed now (China time, to the second: after the send)."""
    at = datetime.now(CHINA)
    rows = [f"XS9{n:06d},{code},{at:%Y-%m-%d %H:%M:%S},88.00,福田店" for n, code in enumerate(codes, start=1)]
    return "订单编号,客户编码,下单时间,订单金额,门店\n" + "\n".join(rows) + "\n"


def test_a_matrix_cell_becomes_a_campaign_checked_sent_delivered_and_reported(stack, browser):
    api = Api(stack)
    form, token, before, after = pharmacy_ready_to_send(api)
    row, column, moved = biggest_move(api, token, before, after)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "131-campaign")
    expect(by_id(page, "company-name")).to_be_visible()

    # Given a comparison, 向降级客户发起营销 opens the new campaign on every customer who moved down
    page.goto(f"{stack.web}/#/comparisons?from={before}&to={after}")
    downgraded = api.call("GET", f"/api/comparisons?from={before}&to={after}", token=token)["moved_down_total"]
    by_id(page, "compare-campaign").click()
    expect(page).to_have_url(re.compile(r"/campaigns/new\?"))
    expect(by_id(page, "campaign-name")).to_have_value("降级客户关怀")
    expect(by_id(page, "campaign-target-count")).to_have_text(f"{downgraded:,}")

    # Given a comparison matrix cell, 新建短信活动 opens the new campaign with the cell's rules and live count
    page.goto(f"{stack.web}/#/comparisons?from={before}&to={after}")
    by_id(page, f"matrix-cell-{row}-{column}").click()
    by_id(page, "movers-segment-campaign").click()
    expect(page).to_have_url(re.compile(r"/campaigns/new\?"))
    expect(by_id(page, "campaign-target-text")).to_contain_text("分类迁移")
    expect(by_id(page, "campaign-target-count")).to_have_text(f"{moved:,}")
    expect(by_id(page, "campaign-holdout-value")).to_have_text("10%")
    # A cell of about twenty: 10 % would hold out no one in one campaign of eight; the owner raises it to 30 %
    holdout = by_id(page, "campaign-holdout").get_by_role("slider")
    holdout.focus()
    for _ in range(20):
        holdout.press("ArrowRight")
    expect(by_id(page, "campaign-holdout-value")).to_have_text("30%")

    # When the approved template is chosen and the draft saved
    by_id(page, "campaign-name").fill("迁移客户会员日")
    by_id(page, "campaign-template").click()
    page.locator(".el-select-dropdown__item:visible").filter(has_text="会员日满减").first.click()
    expect(page.locator(".el-select-dropdown:visible")).to_have_count(0)
    expect(by_id(page, "campaign-template-text")).to_have_text(TEMPLATE)
    shot(page, "131-campaign-new")
    by_id(page, "campaign-save").click()
    expect(page).to_have_url(re.compile(r"/campaigns/(?!new)[^/?]+$"))
    campaign_id = page.url.rsplit("/", 1)[1]

    # Then the pre-send check accounts for every customer of the cell, as the API does, with three bubbles
    check = by_id(page, "campaign-check")
    expect(by_id(page, "campaign-status")).to_have_text("草稿")
    expect(by_id(page, "campaign-check-recipients")).to_be_visible()
    preview = api.call("POST", f"/api/campaigns/{campaign_id}/preview", {}, token)
    assert preview["recipients"] + preview["held_out"] + sum(preview["excluded"][k] for k in EXCLUSION_KEYS) == moved
    # The control group is a per-customer 30 % draw: a cell of twenty holds out no one in about 1 in 1,300 campaigns.
    assert preview["recipients"] > 0 and preview["held_out"] > 0 and preview["blocking"] == [], preview
    expect(by_id(page, "campaign-check-recipients")).to_contain_text(f"{preview['recipients']:,} 人")
    expect(by_id(page, "campaign-check-held_out")).to_contain_text(f"{preview['held_out']:,} 人")
    expect(check.locator("[data-reason=no_consent] [data-testid=campaign-exclusion-count]")).to_have_text(
        f"{preview['excluded']['no_consent']:,}")
    expect(by_id(page, "campaign-sample")).to_have_count(3)
    expect(by_id(page, "campaign-sample-text").first).to_contain_text(f"【{SIGNATURE}】")
    expect(by_id(page, "campaign-sample-text").first).to_contain_text("拒收请回复R")
    expect(by_id(page, "campaign-check-window")).to_contain_text("现在在发送时段内")
    lift = by_id(page, "campaign-check-lift")
    if preview["min_detectable_lift"] is None:  # a cell this small may give no estimate: the page says so
        expect(lift).to_contain_text(f"对照组只有 {preview['held_out']:,} 人，估算不出")
    else:
        expect(lift).to_contain_text(f"对照组 {preview['held_out']:,} 人时，复购率至少相差 "
                                     f"{preview['min_detectable_lift'] * 100:.1f} 个百分点才能判断有效")
    shot(page, "132-campaign-check")

    # And the customers left out for lack of consent download as a list
    if preview["excluded"]["no_consent"]:
        with page.expect_download() as downloaded:
            check.locator("[data-reason=no_consent] [data-testid=campaign-exclusion-download]").click()
        assert downloaded.value.suggested_filename.endswith(".xlsx")

    # When 发送 is confirmed (the box names the count and the cost)
    by_id(page, "campaign-send").click()
    box = page.locator(".el-message-box")
    expect(box).to_contain_text(f"将向 {preview['recipients']:,} 位客户发送短信")
    expect(box).to_contain_text(f"¥{float(preview['estimated_cost_yuan']):,.2f}")
    shot(page, "133-campaign-confirm")
    box.get_by_role("button", name="发送").click()

    # Then the progress follows the sending and the simulator's receipts until it is done
    expect(by_id(page, "campaign-progress")).to_be_visible()
    expect(by_id(page, "campaign-status")).to_have_attribute("data-status", "done", timeout=90_000)
    receipted = lambda c: c["delivered"] > 0 and c["delivered"] + c["failed"] == c["sent"]  # noqa: E731
    wait_for(lambda: receipted(api.call("GET", f"/api/campaigns/{campaign_id}", token=token)["counts"]),
             "every receipt from the local simulator", 120)
    counts = api.call("GET", f"/api/campaigns/{campaign_id}", token=token)["counts"]
    expect(by_id(page, "campaign-count-delivered")).to_contain_text(f"{counts['delivered']:,}", timeout=15_000)
    expect(by_id(page, "campaign-count-planned")).to_contain_text(f"{preview['recipients']:,}")
    expect(by_id(page, "campaign-message-row").first).to_be_visible()
    shot(page, "134-campaign-sent")

    # When new orders of some recipients are imported after the send
    sent_codes = [m["customer_code"] for m in api.call("GET", f"/api/campaigns/{campaign_id}/messages?size=10",
                                                          token=token)["items"]]
    api.import_file(token, "orders", "new-orders.csv", new_orders(sent_codes[:5]))

    # Then the report compares the sent group with the control group per window, saying the window is still open
    page.reload()
    page.get_by_role("tab", name="效果报告").click()
    seven = by_id(page, "campaign-outcome-7")
    expect(seven).to_contain_text("发送组")
    expect(seven).to_contain_text("对照组")
    expect(seven.locator("[data-testid=campaign-verdict]")).to_have_text("尚不能确定")
    expect(seven.locator("[data-testid=campaign-outcome-note]")).to_contain_text("尚未结束")
    report = api.call("GET", f"/api/campaigns/{campaign_id}/report", token=token)
    assert report["outcome"]["7"]["sent"]["buyers"] >= 5
    expect(seven.locator("tr", has_text="购买人数")).to_contain_text(f"{report['outcome']['7']['sent']['buyers']:,}")
    expect(by_id(page, "campaign-outcome-30")).to_be_visible()
    shot(page, "135-campaign-report")

    # And the list shows the campaign done with its progress
    page.goto(f"{stack.web}/#/campaigns")
    listed = by_id(page, "campaign-row").filter(has_text="迁移客户会员日")
    expect(listed.locator("[data-testid=campaign-status]")).to_have_text("已完成")
    expect(by_id(page, "campaigns-table").locator(".el-loading-mask")).to_be_hidden()
    shot(page, "136-campaign-list")

    # And a plan's 用此方案建活动 opens a new campaign named after it, offering a template from its SMS text
    plan = api.call("GET", "/api/plans?size=1", token=token)["items"][0]
    page.goto(f"{stack.web}/#/plans/{plan['plan_id']}")
    by_id(page, "plan-campaign").click()
    expect(page).to_have_url(re.compile(r"/campaigns/new\?.*plan_id="))
    expect(by_id(page, "campaign-name")).to_have_value(plan["name"])
    expect(by_id(page, "campaign-plan-template-new")).to_have_text("用方案短信新建模板")
    shot(page, "137-campaign-from-plan")

    # A draft opens in the form filled from it, saves its change, and is deleted after a question
    template_id = api.call("GET", "/api/sms/templates", token=token)["items"][0]["template_id"]
    draft = api.call("POST", "/api/campaigns", {"name": "周末草稿", "rules": {"all": []}, "template_id": template_id,
                                                "holdout_share": 0.2}, token)["campaign_id"]
    page.goto(f"{stack.web}/#/campaigns/{draft}")
    by_id(page, "campaign-edit").click()
    name = page.locator("input[data-testid=campaign-name]")  # the detail page's title has the same test id
    expect(name).to_have_value("周末草稿")
    expect(by_id(page, "campaign-holdout-value")).to_have_text("20%")
    name.fill("周末草稿（改）")
    by_id(page, "campaign-save").click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{draft}$"))
    expect(by_id(page, "campaign-overview")).to_contain_text("周末草稿（改）")
    by_id(page, "campaign-delete").click()
    page.locator(".el-message-box").get_by_role("button", name="删除").click()
    expect(page).to_have_url(re.compile(r"/campaigns$"))
    expect(by_id(page, "campaign-row").filter(has_text="周末草稿")).to_have_count(0)
    context.close()
