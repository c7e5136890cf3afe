"""RFM analysis in a real browser: preview, change the threshold, save, compare, explain, report, home grid."""
import re
from datetime import date, datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_import_journey import by_id
from tests.e2e.test_registration_to_first_login import log_in

CLASS_UPDATE_SECONDS = 60_000
CHINA = timezone(timedelta(hours=8))


def clipped_cells(page, testid: str) -> list[str]:
    """Texts of the cells of a table that are cut off: wider than their column, or beyond the table's visible edge."""
    return page.evaluate("""(testid) => {
        const table = document.querySelector(`[data-testid=${testid}]`)
        const edge = table.getBoundingClientRect().right
        return [...table.querySelectorAll('th .cell, td .cell')]
          .filter((cell) => cell.scrollWidth > cell.clientWidth + 1 || cell.getBoundingClientRect().right > edge + 1)
          .map((cell) => cell.innerText)
    }""", testid)


def hover_until_tooltip(page, chart) -> str:
    """Move over the middle of a chart, top to bottom, until ECharts shows a tooltip; its text."""
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    tooltip = chart.locator("div").filter(has_text="人")  # ECharts puts its tooltip inside the chart's element
    for step in range(2, 80):
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] * step / 80)
        if tooltip.count() and tooltip.last.is_visible():
            return tooltip.last.inner_text()
    return ""


def preview_and_save(page, months: int) -> None:
    by_id(page, f"preset-{months}").click()
    by_id(page, "preview-button").click()
    expect(by_id(page, "save-button")).to_be_enabled(timeout=30_000)
    by_id(page, "save-button").click()
    expect(by_id(page, "class-update-done")).to_be_visible(timeout=CLASS_UPDATE_SECONDS)


def test_preview_change_threshold_save_compare_explain_report_and_home_grid(stack, page, tmp_path):
    # Given the demo pharmacy (400 customers, two years of orders) logged in
    log_in(page, stack, f"{stack.web}/#/login", "demo", "Demo12345", "13900000000", "30-analysis")
    expect(by_id(page, "company-name")).to_be_visible()

    # When it opens 客户分析 on a 1366×768 screen, the preset ends today (China date) by default
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{stack.web}/#/analysis")
    by_id(page, "preset-12").click()
    today = datetime.now(CHINA).date()
    expect(by_id(page, "window-text")).to_contain_text(f"至 {today.isoformat()}")
    expect(by_id(page, "window-text")).to_contain_text("截至今天")
    # and 按整月 gives the whole months up to the end of last month instead
    by_id(page, "whole-months").click()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    first_month = last_month_end.year * 12 + last_month_end.month - 12  # 11 months before, 0-based
    whole_start = date(first_month // 12, first_month % 12 + 1, 1)
    expect(by_id(page, "window-text")).to_contain_text(f"{whole_start} 至 {last_month_end}")
    shot(page, "29-analysis-whole-months")
    by_id(page, "whole-months").click()
    expect(by_id(page, "window-text")).to_contain_text(f"至 {today.isoformat()}")

    # When it previews the last 12 months (to today) with the default mean thresholds
    by_id(page, "preview-button").click()
    thresholds = by_id(page, "thresholds-card")
    expect(thresholds).to_contain_text("天", timeout=30_000)
    expect(by_id(page, "rfm-grid").locator("canvas").first).to_be_visible()
    expect(by_id(page, "class-summary")).to_contain_text("重要价值客户")
    expect(by_id(page, "no-purchase-count")).to_have_text(re.compile(r"\d"))
    mean_counts = by_id(page, "class-summary").inner_text()
    expect(by_id(page, "result-status")).to_have_text("预览")
    assert clipped_cells(page, "class-summary") == []  # 平均 M fits at 1366 wide
    shot(page, "30-analysis-preview-mean")

    # And switches the threshold method to the median: the preview is recomputed at once
    by_id(page, "threshold-median").click()
    expect(by_id(page, "class-summary")).not_to_have_text(mean_counts, timeout=30_000)
    expect(by_id(page, "thresholds-card")).to_contain_text("中位数")
    expect(page.locator("[data-testid=preview-result] .el-loading-mask:visible")).to_have_count(0)
    shot(page, "31-analysis-preview-median")

    # And saves it: customers' classes are updated in the background, and the header no longer says 预览
    by_id(page, "save-button").click()
    expect(by_id(page, "class-update-done")).to_be_visible(timeout=CLASS_UPDATE_SECONDS)
    expect(by_id(page, "result-status")).to_have_text("已保存")
    shot(page, "32-analysis-saved")

    # When it saves an analysis of last year, to compare with: the current classes stay as they are
    by_id(page, "preset-custom").click()
    year_ago = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today - timedelta(days=365)
    custom = by_id(page, "custom-range")
    custom.locator("input").nth(0).fill((year_ago - timedelta(days=89)).isoformat())
    custom.locator("input").nth(1).fill(year_ago.isoformat())
    custom.locator("input").nth(1).press("Enter")
    page.keyboard.press("Escape")
    expect(by_id(page, "window-text")).to_contain_text(f"至 {year_ago.isoformat()}")
    by_id(page, "preview-button").click()
    expect(by_id(page, "save-button")).to_be_enabled(timeout=30_000)
    by_id(page, "save-button").click()
    expect(by_id(page, "class-update-superseded")).to_be_visible(timeout=CLASS_UPDATE_SECONDS)
    expect(by_id(page, "class-update-superseded")).to_contain_text("客户分类未改变")
    shot(page, "32b-older-window-saved")
    page.goto(f"{stack.web}/#/customers")
    expect(by_id(page, "current-analysis")).to_contain_text("当前分类来自：", timeout=30_000)
    expect(by_id(page, "current-analysis-window")).to_contain_text(f"至 {today.isoformat()}", timeout=30_000)

    # And sets it as current (设为当前分类) from 分析记录: the customers then carry last year's classes
    page.goto(f"{stack.web}/#/analyses")
    older_row = page.locator(f"[data-testid=analysis-row]:has-text('至 {year_ago.isoformat()}')")
    expect(older_row.locator("[data-testid=analysis-update]")).to_have_attribute("data-status", "superseded")
    older_row.locator("[data-testid=analysis-make-current]").click()
    page.locator(".el-message-box__btns .el-button--primary").click()
    expect(older_row.locator("[data-testid=analysis-current]")).to_have_text("当前分类", timeout=30_000)
    expect(older_row.locator("[data-testid=analysis-update]")).to_have_attribute("data-status", "done",
                                                                                 timeout=CLASS_UPDATE_SECONDS)
    expect(by_id(page, "current-analysis-window")).to_contain_text(f"至 {year_ago.isoformat()}")
    shot(page, "32c-analyses-older-set-current")
    page.goto(f"{stack.web}/#/customers")
    expect(by_id(page, "current-analysis-window")).to_contain_text(f"至 {year_ago.isoformat()}", timeout=30_000)
    # And deleting it puts the classes back on the analysis with the latest window end
    page.goto(f"{stack.web}/#/analyses")
    older_row.locator("[data-testid=analysis-delete]").click()
    expect(page.locator(".el-message-box__message")).to_contain_text("窗口结束日最晚")
    page.locator(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary").last.click()
    expect(older_row).to_have_count(0, timeout=30_000)
    expect(by_id(page, "current-analysis-window")).to_contain_text(f"至 {today.isoformat()}", timeout=30_000)
    page.goto(f"{stack.web}/#/analysis")

    # And saves a second analysis of the last 6 months
    by_id(page, "threshold-mean").click()
    preview_and_save(page, 6)

    # Then the comparison of the two shows the transition matrix, the flow and the movers
    page.goto(f"{stack.web}/#/comparisons")
    expect(by_id(page, "transition-matrix")).to_be_visible(timeout=30_000)
    expect(by_id(page, "sankey").locator("canvas").first).to_be_visible()
    assert re.search(r"→ .+：[\d,]+ 人", hover_until_tooltip(page, by_id(page, "sankey")))  # no "上次：A > 本次：B"
    expect(by_id(page, "compare-summary")).to_contain_text("升级")
    by_id(page, "moved-down-tab").click()
    movers = page.locator("[data-testid=movers-table]:visible")
    expect(movers.locator("[data-testid=mover-row]").first).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid=movers-table]:visible .el-loading-mask:visible")).to_have_count(0)
    shot(page, "33-comparison")

    # And a customer of the latest analysis explains its class against the thresholds
    page.goto(f"{stack.web}/#/analyses")
    by_id(page, "analysis-open").first.click()
    expect(page).to_have_url(re.compile(r"#/analyses/[^/]+$"))
    analysis_id = page.url.rsplit("/", 1)[-1]
    expect(by_id(page, "detail-current")).to_have_text("当前分类")  # the latest save of the latest window end
    by_id(page, "analysis-customer-row").first.click()
    drawer = by_id(page, "explain-drawer")
    expect(drawer.locator("[data-testid=explain-checks]")).to_contain_text("阈值", timeout=30_000)
    expect(page.locator(".el-drawer-fade-enter-active")).to_have_count(0)  # slid in before the screenshot
    shot(page, "34-analysis-explanation")

    # And the printable report shows the analysis and its changes since the previous one
    page.goto(f"{stack.web}/#/analyses/{analysis_id}/report")
    expect(by_id(page, "report-page")).to_be_visible(timeout=30_000)
    expect(by_id(page, "report-matrix")).to_be_visible(timeout=30_000)
    expect(by_id(page, "print-button")).to_be_visible()
    shot(page, "35-analysis-report")

    # And the analysis detail, 平均 M not cut off
    page.goto(f"{stack.web}/#/analyses/{analysis_id}")
    expect(by_id(page, "class-summary")).to_contain_text("重要价值客户", timeout=30_000)
    assert clipped_cells(page, "class-summary") == []

    # And the home page shows the analysis in force, its grid, the class counts and the trend
    page.goto(f"{stack.web}/#/")
    expect(by_id(page, "home-grid").locator("canvas").first).to_be_visible(timeout=30_000)
    expect(by_id(page, "home-classes")).to_contain_text("重要价值客户")
    expect(by_id(page, "home-trend")).to_be_visible()
    expect(by_id(page, "current-analysis-window")).to_contain_text(f"至 {today.isoformat()}")
    expect(by_id(page, "data-changed")).to_have_count(0)
    shot(page, "36-home-dashboard")

    # And in the customer list a class explains itself against the latest analysis' thresholds
    page.goto(f"{stack.web}/#/customers")
    by_id(page, "customer-class-explain").first.click()
    expect(by_id(page, "explain-checks")).to_contain_text("阈值", timeout=30_000)
    expect(page.locator(".el-drawer-fade-enter-active")).to_have_count(0)
    shot(page, "37-customer-class-explanation")

    # When an order file is imported after the analysis, the home page says the data changed since
    page.goto(f"{stack.web}/#/imports")
    by_id(page, "import-kind-orders").click()
    orders = tmp_path / "今日订单.csv"
    orders.write_text(f"订单编号,客户编码,下单时间,订单金额\nE2E-ANALYSIS-1,KN00001,{today} 09:30,88.00\n",
                      encoding="utf-8")
    by_id(page, "import-file").locator("input[type=file]").set_input_files(str(orders))
    by_id(page, "import-start").click()
    expect(by_id(page, "import-result")).to_have_attribute("data-status", "completed", timeout=30_000)
    page.goto(f"{stack.web}/#/")
    expect(by_id(page, "data-changed")).to_contain_text("数据已变更（导入或回滚），建议重新分析", timeout=30_000)
    shot(page, "38-home-data-changed")
    page.goto(f"{stack.web}/#/analyses")
    expect(by_id(page, "data-changed")).to_be_visible(timeout=30_000)
