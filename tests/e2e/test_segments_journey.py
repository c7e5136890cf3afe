"""人群圈选 in a real browser: from a comparison matrix cell 保存为人群, refine it with a tag and a birthday
condition (the live count follows), save it, export its call list (an xlsx read back with openpyxl) and open a
member's detail page."""
import io
import re
from datetime import datetime, timedelta

import openpyxl
from playwright.sync_api import expect

from chalicelib.domain.rfm.params import CHINA
from local.demo.files import demo_files
from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in

CALL_LIST_HEADER = ["客户编码", "姓名", "手机号", "门店", "当前分类"]


def pharmacy_with_two_analyses(api: Api, seed: int = 71, company: str = "仁心大药房（人群测试）") -> tuple[dict, str, str, str]:
    """A new pharmacy (not the demo tenant, which other tests count) with the demo data and two saved analyses
    half a year apart: (form, token, older analysis id, newer analysis id)."""
    form, token = api.approved_tenant(seed, company)
    for kind, content in demo_files().items():
        api.import_file(token, kind, f"{kind}.csv", content.decode("utf-8"))
    today = datetime.now(CHINA).date()
    saved = []
    for end in (today - timedelta(days=182), today):
        window = {"start": (end - timedelta(days=365)).isoformat(), "end": end.isoformat()}
        preview = api.call("POST", "/api/analyses", window, token=token)
        saved.append(api.save_analysis(token, preview["analysis_id"]))
    return form, token, *saved


def biggest_move(api: Api, token: str, before: str, after: str) -> tuple[int, int, int]:
    """(row, column, count) of the matrix cell off the diagonal with the most customers."""
    matrix = api.call("GET", f"/api/comparisons?from={before}&to={after}", token=token)["matrix"]
    last = len(matrix) - 1
    return max(((i, j, n) for i, row in enumerate(matrix) for j, n in enumerate(row)
                if i != j and not (i == last and j == last)), key=lambda cell: cell[2])


def choose(page, select, option: str) -> None:
    """Open an Element Plus select and click one of its options; the dropdown is closed afterwards."""
    select.click()
    option_item(page, option).click()
    page.keyboard.press("Escape")


def option_item(page, text: str):
    """The open dropdown's option whose whole text is `text`."""
    return page.locator(".el-select-dropdown__item:visible").filter(has_text=re.compile(f"^{re.escape(text)}$")).first


def add_condition(page, field_label: str):
    """Add a condition to the root group, set its field, and return the new condition row."""
    by_id(page, "rule-add-condition").first.click()
    condition = by_id(page, "rule-condition").last
    choose(page, condition.locator("[data-testid=rule-field]"), field_label)
    return condition


def live_count(page) -> int:
    value = by_id(page, "segment-count-value")
    expect(value).to_be_visible()
    expect(page.locator("[data-testid=segment-count]:has-text('更新中')")).to_have_count(0)
    return int(value.inner_text().replace(",", ""))


def test_a_matrix_cell_saved_as_a_segment_refined_exported_and_a_member_opened(stack, browser):
    api = Api(stack)
    form, token, before, after = pharmacy_with_two_analyses(api)
    row, column, moved = biggest_move(api, token, before, after)
    assert moved > 0
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "70-segments")
    expect(by_id(page, "company-name")).to_be_visible()

    # Given the comparison page, a matrix cell shows its customers and offers 保存为人群
    page.goto(f"{stack.web}/#/comparisons?from={before}&to={after}")
    by_id(page, f"matrix-cell-{row}-{column}").click()
    expect(by_id(page, "cell-tab")).to_be_visible()
    shot(page, "71-comparison-cell-segment-actions")
    by_id(page, "movers-segment-save").click()

    # When the builder opens, the move is filled in and counts the cell's customers
    expect(page).to_have_url(re.compile(r"/segments/new\?"))
    expect(by_id(page, "rule-condition")).to_have_count(1)
    assert live_count(page) == moved
    shot(page, "72-builder-prefilled-from-cell")

    # And a tag and a birthday condition refine it: each changes the live count
    tag = add_condition(page, "标签")
    choose(page, tag.locator("[data-testid=rule-value-tags]"), "会员")
    with_tag = live_count(page)
    assert 0 < with_tag < moved
    birthday = add_condition(page, "生日月份")
    birthday.locator("[data-testid=rule-value-month]").click()  # a multiple select stays open while picking
    for month in ("1 月", "2 月", "3 月", "4 月", "5 月", "6 月"):
        option_item(page, month).click()
    page.keyboard.press("Escape")
    refined = live_count(page)
    assert 0 < refined < with_tag
    shot(page, "73-builder-refined")

    # When it is saved by name, its page lists the members
    by_id(page, "segment-name").fill("上半年生日的迁移会员")
    by_id(page, "segment-save").click()
    expect(page).to_have_url(re.compile(r"/segments/(?!new)[^/?]+$"))
    expect(by_id(page, "member-row")).to_have_count(min(refined, 20))
    shot(page, "74-segment-saved-members")

    # And the call list downloads as an xlsx with its header and one row per member
    with page.expect_download() as downloaded:
        by_id(page, "segment-call-list").click()
    assert downloaded.value.suggested_filename.endswith(".xlsx")
    with open(downloaded.value.path(), "rb") as saved:
        workbook = openpyxl.load_workbook(io.BytesIO(saved.read()), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    header = next(i for i, cells in enumerate(rows) if cells and cells[0] == "客户编码")
    assert list(rows[header][:len(CALL_LIST_HEADER)]) == CALL_LIST_HEADER
    members = [cells for cells in rows[header + 1:] if cells and cells[0]]
    assert len(members) == refined
    assert all(cells[2] and len(str(cells[2])) == 11 for cells in members)  # the 企业管理员 sees full mobiles

    # And the segment list shows it with its size
    page.goto(f"{stack.web}/#/segments")
    listed = by_id(page, "segments-table").locator("tr", has_text="上半年生日的迁移会员")
    expect(listed.locator("[data-testid=segment-row-count]")).to_have_text(f"{refined:,} 人")
    shot(page, "75-segment-list")

    # When a member's row is clicked, the customer's detail page opens
    listed.locator("[data-testid=segment-members]").click()
    first = by_id(page, "member-row").first
    code = first.get_attribute("data-row-id")
    first.click()
    expect(page).to_have_url(re.compile(rf"/customers/{re.escape(code)}$"))
    expect(page.locator("body")).to_contain_text(code)
    shot(page, "76-member-detail")
    context.close()
