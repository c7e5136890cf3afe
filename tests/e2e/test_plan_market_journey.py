"""The plan market in a real browser: from a class on the analysis page to a plan read in the page and its
document downloaded; a plan submitted with a .docx, rejected with a reason, fixed, approved and in the market."""
from datetime import datetime, timedelta

from playwright.sync_api import expect

from chalicelib.domain.rfm.params import CHINA
from local.demo.files import demo_files
from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in
from tests.unit.docx_fixtures import plan_docx

REVIEWER = ("reviewer1", "Review2026", "13700003001")
PLAN_NAME = "冬季社区慢病会员回访计划"


def pharmacy_with_analysis(api: Api) -> tuple[dict, str]:
    """A new pharmacy with the demo data imported and a saved analysis of its last 12 months: (form, analysis id).
    Not the demo tenant: other browser tests of the same stack count its analyses."""
    form, token = api.approved_tenant(61, "仁心大药房（方案测试）")
    for kind, content in demo_files().items():
        api.import_file(token, kind, f"{kind}.csv", content.decode("utf-8"))
    today = datetime.now(CHINA).date()
    window = {"start": (today - timedelta(days=365)).isoformat(), "end": today.isoformat()}
    preview = api.call("POST", "/api/analyses", window, token=token)
    return form, api.call("POST", f"/api/analyses/{preview['analysis_id']}/save", token=token)["analysis_id"]


def reviewer_account(api: Api) -> None:
    admin = api.log_in("admin", "Admin12345", "13800000000")
    api.call("POST", "/api/admin/staff", {"username": REVIEWER[0], "display_name": "方案审核员小周",
                                          "mobile": REVIEWER[2], "role": "plan_reviewer", "password": REVIEWER[1]},
             token=admin)


def open_review(page, stack, name: str):
    page.goto(f"{stack.web}/admin/#/plan-review")
    page.reload()  # the queue may be the page already open: load it afresh
    row = by_id(page, "review-row").filter(has_text=PLAN_NAME)
    expect(row).to_be_visible()
    shot(page, f"{name}-queue")
    row.locator("[data-testid=review-open]").click()
    expect(by_id(page, "plan-attachment-html")).to_contain_text("会员日关怀方案")


def test_owner_reads_a_suggested_plan_and_submits_one_that_is_reviewed_into_the_market(stack, browser, tmp_path):
    api = Api(stack)
    form, analysis_id = pharmacy_with_analysis(api)
    reviewer_account(api)
    owner = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    staff = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page, review = owner.new_page(), staff.new_page()
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "60-plans")
    expect(by_id(page, "company-name")).to_be_visible()

    # Given the analysis page, each class offers its suggested plans; "更多方案" opens the market on that class
    page.goto(f"{stack.web}/#/analyses/{analysis_id}")
    suggested = by_id(page, "suggested-plans")
    expect(suggested.locator("[data-testid=suggested-plan]").first).to_be_visible()
    shot(page, "61-analysis-suggested-plans")
    suggested.locator("[data-testid=suggested-more][data-class=重要挽留客户]").click()
    expect(by_id(page, "plan-card").first).to_be_visible()
    cards = by_id(page, "plan-card")
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text("重要挽留客户")
    shot(page, "62-market-class-filter")

    # When the owner opens a plan, the Word document is read in the page, and the download is a .docx
    first_name = cards.first.locator("[data-testid=plan-card-name]").inner_text()
    cards.first.click()
    expect(by_id(page, "plan-name")).to_have_text(first_name)
    expect(by_id(page, "plan-attachment-html").locator("h1")).to_contain_text(first_name)
    expect(by_id(page, "plan-sms-parts")).to_contain_text("1")
    shot(page, "63-plan-detail-document")
    with page.expect_download() as downloaded:
        by_id(page, "plan-download").click()
    assert downloaded.value.suggested_filename.endswith(".docx")

    # And submits its own plan with a .docx
    document = tmp_path / "会员回访方案.docx"
    document.write_bytes(plan_docx())
    page.goto(f"{stack.web}/#/plans/submit")
    by_id(page, "plan-form-name").fill(PLAN_NAME)
    pick(page, "plan-form-industry", "医药")
    pick(page, "plan-form-event", "慢病复购提醒")
    by_id(page, "plan-form-class-重要保持客户").click()
    by_id(page, "plan-form-summary").fill("冬季给常来的慢病会员打电话、发短信，提醒按时复购并到店免费测血压。")
    by_id(page, "plan-form-sms").fill("{name}您好，天冷注意保暖，本周到店可免费测血压，会员积分双倍。")
    expect(by_id(page, "plan-form-sms-parts")).to_contain_text("1")
    by_id(page, "plan-form-attachment-input").set_input_files(str(document))
    expect(by_id(page, "plan-form-attachment-done")).to_be_visible()
    shot(page, "64-plan-submit-form")
    by_id(page, "plan-form-submit").click()
    page.wait_for_url("**/plans/mine**")
    mine = by_id(page, "my-plans-table").locator("tr").filter(has_text=PLAN_NAME)
    expect(mine).to_contain_text("待审核")

    # Then a plan reviewer rejects it with a reason
    log_in(review, stack, f"{stack.web}/admin/#/login", *REVIEWER, "65-reviewer")
    expect(by_id(review, "menu-plan-review")).to_be_visible()
    open_review(review, stack, "66-review")
    shot(review, "67-review-detail-document")
    by_id(review, "plan-reject").click()
    by_id(review, "reject-reason").fill("请在方案中写明活动预算和短信发送人数")
    by_id(review, "reject-confirm").click()
    expect(by_id(review, "review-empty")).to_be_visible()

    # And the owner sees the reason, fixes the plan and submits it again
    page.reload()
    mine = by_id(page, "my-plans-table").locator("tr").filter(has_text=PLAN_NAME)
    expect(mine).to_contain_text("已驳回")
    expect(mine.locator("[data-testid=my-plan-reason]")).to_contain_text("活动预算")
    shot(page, "68-my-plans-rejected")
    mine.locator("[data-testid=my-plan-edit]").click()
    by_id(page, "plan-form-description").fill("预算：短信约 300 人 × 0.055 元，测血压试纸 200 元。")
    by_id(page, "plan-form-submit").click()
    page.wait_for_url("**/plans/mine**")
    expect(by_id(page, "my-plans-table").locator("tr").filter(has_text=PLAN_NAME)).to_contain_text("待审核")

    # And the reviewer approves it
    open_review(review, stack, "69-review-again")
    by_id(review, "plan-approve").click()
    review.locator(".el-message-box__btns .el-button--primary").click()
    expect(by_id(review, "review-empty")).to_be_visible()

    # Then it is in the market
    page.goto(f"{stack.web}/#/plans?q={PLAN_NAME}")
    card = by_id(page, "plan-card").filter(has_text=PLAN_NAME)
    expect(card).to_be_visible()
    expect(card.locator("[data-testid=plan-card-author]")).to_contain_text("企业投稿")
    shot(page, "70-market-approved-plan")
    owner.close()
    staff.close()


def pick(page, testid: str, option: str) -> None:
    by_id(page, testid).click()
    page.locator(f".el-select-dropdown__item:visible:has-text('{option}')").first.click()
