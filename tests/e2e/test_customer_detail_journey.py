"""客户详情 in a real browser: from the customer list to one customer's page (masked ID, lifetime figures as the API
gives them, paged orders, class timeline), tags and SMS consent edited in place, a follow-up whose next date is today
listed on the home page's 待跟进客户 card; then 批量打标签 on every member of a saved segment, and a 只读 account
that sees both pages with nothing to change."""
import csv
import io
import re
from collections import Counter
from datetime import datetime, timedelta
from urllib.parse import quote

from playwright.sync_api import expect

from chalicelib.domain.rfm.params import CHINA
from local.demo.files import demo_files
from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in

ORDERS_PAGE = 10  # the detail page's order history page size
NEW_TAG = "慢病随访"
SEGMENT_TAG = "秋季回访"
ID_NUMBER = "11010519491231002X"
READER = ("reader81", "Reader2026x", "13700081001")  # a 只读 account: username, password, mobile
FOLLOW_UP = "电话回访，提醒按时复购降压药"


def pharmacy_with_history(api: Api) -> tuple[dict, str, str]:
    """A new pharmacy with the demo data and two saved analyses half a year apart (two timeline steps):
    (form, token, code of the tagged customer with the most orders, given an ID number)."""
    form, token = api.approved_tenant(81, "仁心大药房（客户详情测试）")
    files = {kind: content.decode("utf-8").lstrip("\ufeff") for kind, content in demo_files().items()}
    code = busiest_tagged_customer(files)
    files["customers"] = with_id_number(files["customers"], code)
    for kind, content in files.items():
        api.import_file(token, kind, f"{kind}.csv", content)
    today = datetime.now(CHINA).date()
    for end in (today - timedelta(days=182), today):
        window = {"start": (end - timedelta(days=365)).isoformat(), "end": end.isoformat()}
        preview = api.call("POST", "/api/analyses", window, token=token)
        api.save_analysis(token, preview["analysis_id"])
    return form, token, code


def busiest_tagged_customer(files: dict[str, str]) -> str:
    tagged = {row["客户编码"] for row in csv.DictReader(io.StringIO(files["customers"])) if row["标签"]}
    orders = Counter(row["客户编码"] for row in csv.DictReader(io.StringIO(files["orders"])))
    code, count = max(((code, n) for code, n in orders.items() if code in tagged), key=lambda pair: pair[1])
    assert count > ORDERS_PAGE, "the demo data has no tagged customer with more than a page of orders"
    return code


def with_id_number(customers: str, code: str) -> str:
    """The customers file with an ID number (the import template's example) given to one customer."""
    rows = list(csv.DictReader(io.StringIO(customers)))
    for row in rows:
        row["身份证号"] = ID_NUMBER if row["客户编码"] == code else row["身份证号"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def money(yuan: float) -> str:
    return f"¥{yuan:,.2f}"


def order_ids(page) -> list[str]:
    rows = by_id(page, "orders-table").locator(".el-table__body tr")
    return [rows.nth(i).locator("td").first.inner_text().strip() for i in range(rows.count())]


def wait_settled(page) -> None:
    """No loading mask left on the page (detail, orders, follow-ups, home cards)."""
    expect(page.locator(".el-loading-mask:visible")).to_have_count(0)


def confirm_box(page, text: str) -> None:
    box = page.locator(".el-message-box:visible")
    expect(box).to_contain_text(text)
    box.locator(".el-button--primary").click()
    expect(box).to_have_count(0)


def test_a_customer_found_in_the_list_edited_in_place_followed_up_and_due_on_the_home_page(stack, browser):
    api = Api(stack)
    form, token, code = pharmacy_with_history(api)
    detail = api.call("GET", f"/api/customers/{code}", token=token)
    customer, lifetime = detail["customer"], detail["lifetime"]
    problems = []
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "80-detail")
    expect(by_id(page, "company-name")).to_be_visible()

    # Given the customer list, a search finds the customer and its code opens the detail page
    page.goto(f"{stack.web}/#/customers")
    by_id(page, "customer-search").fill(code)
    by_id(page, "customer-search").press("Enter")
    by_id(page, f"customer-link-{code}").click()
    expect(page).to_have_url(re.compile(rf"/customers/{re.escape(code)}$"))

    # Then the profile shows the masked ID number and the lifetime figures the API gives
    expect(by_id(page, "customer-code")).to_have_text(code)
    id_shown = by_id(page, "customer-id-number")
    expect(id_shown).to_have_text(customer["id_number_masked"])
    assert customer["id_number_masked"] == "110105********002X"
    expect(by_id(page, "lifetime-count")).to_have_text(f"{lifetime['order_count']:,}")
    expect(by_id(page, "lifetime-total")).to_have_text(money(lifetime["total_spent"]))
    expect(by_id(page, "customer-lifetime")).to_contain_text(lifetime["last_order_date"])

    # And the class timeline has a step per saved analysis, the newest marked 当前
    timeline = by_id(page, "timeline-table").locator(".el-table__body tr")
    expect(timeline).to_have_count(2)
    expect(timeline.last).to_contain_text("当前")
    expect(by_id(page, "customer-explanation")).to_contain_text(f"为什么是{customer['rfm_class']}")

    # And the orders come newest first, a page of ten at a time
    first_page = api.call("GET", f"/api/customers/{code}/orders?page=1&size={ORDERS_PAGE}", token=token)
    expect(by_id(page, "orders-table").locator(".el-table__body tr")).to_have_count(ORDERS_PAGE)
    assert order_ids(page) == [order["order_id"] for order in first_page["items"]]
    expect(by_id(page, "customer-orders")).to_contain_text(f"共 {first_page['total']} 条")
    wait_settled(page)
    shot(page, "80-customer-detail")
    by_id(page, "customer-orders").locator(".btn-next").click()
    second_page = api.call("GET", f"/api/customers/{code}/orders?page=2&size={ORDERS_PAGE}", token=token)
    expect(by_id(page, "orders-table").locator(".el-table__body tr").first).to_contain_text(
        second_page["items"][0]["order_id"])

    # When a tag is added and another removed in place, both changes survive a reload
    removed = customer["tags"][0]
    by_id(page, "tag-add").click()
    by_id(page, "tag-input").fill(NEW_TAG)
    by_id(page, "tag-input").press("Enter")
    expect(by_id(page, f"tag-{NEW_TAG}")).to_be_visible()
    by_id(page, f"tag-{removed}").locator(".el-tag__close").click()
    expect(by_id(page, f"tag-{removed}")).to_have_count(0)
    wait_settled(page)
    page.reload()
    expect(by_id(page, f"tag-{NEW_TAG}")).to_be_visible()
    expect(by_id(page, f"tag-{removed}")).to_have_count(0)
    assert sorted(api.call("GET", f"/api/customers/{code}", token=token)["customer"]["tags"]) == sorted(
        [tag for tag in customer["tags"] if tag != removed] + [NEW_TAG])

    # When SMS consent is switched (after confirming), a new entry heads the consent history
    entries = by_id(page, "consent-history").locator(".el-timeline-item")
    before = entries.count()
    by_id(page, "consent-switch").click()
    confirm_box(page, "撤回短信同意" if customer["sms_consent"] else "已同意接收营销短信")
    expect(entries).to_have_count(before + 1)
    expect(entries.first).to_contain_text(f"{'不同意' if customer['sms_consent'] else '同意'} · 来源：客户详情页")
    expect(entries.first).to_contain_text(f"操作人：{form['username']}")

    # When a phone follow-up is added with today as its next date, it is listed under 跟进记录
    today = datetime.now(CHINA).date().isoformat()
    follow_ups = by_id(page, "customer-follow-ups")
    follow_ups.locator("label", has_text="电话").click()
    by_id(page, "follow-up-content").fill(FOLLOW_UP)
    next_date = follow_ups.locator(".el-form-item", has_text="下次跟进").locator("input")
    next_date.fill(today)
    next_date.press("Enter")
    by_id(page, "follow-up-save").click()
    added = by_id(page, "follow-ups-list").locator(".el-timeline-item").first
    expect(added).to_contain_text(FOLLOW_UP)
    expect(added).to_contain_text(f"下次跟进：{today}")
    expect(added).to_contain_text(f"{today} · 电话")
    wait_settled(page)
    follow_ups.scroll_into_view_if_needed()
    shot(page, "81-follow-up-added")

    # Then the home page's 待跟进客户 card lists the customer, linked back to the detail page
    page.goto(f"{stack.web}/#/")
    due = by_id(page, "due-table")
    expect(due).to_contain_text(FOLLOW_UP)
    expect(due).to_contain_text(today)
    wait_settled(page)
    by_id(page, "due-follow-ups").scroll_into_view_if_needed()
    shot(page, "82-home-due-follow-ups")
    due.locator(f"[data-testid=customer-link-{code}]").click()
    expect(page).to_have_url(re.compile(rf"/customers/{re.escape(code)}$"))
    expect(by_id(page, "customer-code")).to_have_text(code)
    wait_settled(page)

    # Given a saved segment, 批量打标签 tags every member after confirming the number the server counted
    important = {"all": [{"field": "rfm_class", "op": "eq", "value": customer["rfm_class"]}]}
    created = api.call("POST", "/api/segments", {"name": "本客户同类客户", "rules": important}, token=token)
    segment = api.call("GET", f"/api/segments/{created['segment_id']}", token=token)
    assert segment["count"] > 1
    page.goto(f"{stack.web}/#/segments/{segment['segment_id']}")
    expect(by_id(page, "member-row").first).to_be_visible()
    by_id(page, "segment-batch-tags").click()
    dialog = by_id(page, "batch-tags-dialog")
    expect(dialog).to_contain_text(f"人群“本客户同类客户”的全部成员（{segment['count']:,}）")
    by_id(page, "batch-tags-add").click()
    page.keyboard.type(SEGMENT_TAG)
    page.keyboard.press("Enter")
    dialog.locator(".el-dialog__title").click()  # closes the picker; Escape would close the dialog
    shot(page, "83-segment-batch-tags")
    by_id(page, "batch-tags-submit").click()
    confirm_box(page, f"将为 {segment['count']:,} 位客户添加标签“{SEGMENT_TAG}”")
    expect(by_id(page, "member-row").first).to_contain_text(SEGMENT_TAG)
    tagged = api.call("GET", f"/api/customers?tag={quote(SEGMENT_TAG)}&size=1", token=token)
    assert tagged["total"] == segment["count"]

    # Given a 只读 account, the detail page and the segment's members are shown without anything to change
    api.call("POST", "/api/accounts", {"username": READER[0], "display_name": "只读店员", "mobile": READER[2],
                                       "password": READER[1], "role": "tenant_readonly", "show_mobile": False}, token)
    page.context.clear_cookies()
    page.evaluate("localStorage.clear()")
    log_in(page, stack, f"{stack.web}/#/login", *READER, "84-detail-readonly")
    expect(by_id(page, "account-role-text")).to_contain_text("只读")
    page.goto(f"{stack.web}/#/customers/{code}")
    expect(by_id(page, f"tag-{NEW_TAG}")).to_be_visible()
    expect(by_id(page, f"tag-{NEW_TAG}").locator(".el-tag__close")).to_have_count(0)
    expect(by_id(page, "tag-add")).to_have_count(0)
    expect(by_id(page, "consent-switch")).to_have_class(re.compile("is-disabled"))
    expect(by_id(page, "follow-ups-list")).to_contain_text(FOLLOW_UP)
    expect(by_id(page, "follow-up-form")).to_have_count(0)
    page.goto(f"{stack.web}/#/segments/{segment['segment_id']}")
    expect(by_id(page, "member-row").first).to_be_visible()
    expect(by_id(page, "segment-batch-tags")).to_have_count(0)
    assert problems == [], problems
    context.close()
