"""RFM analysis in a real browser: preview, change the threshold, save, compare, explain, report, home grid."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_import_journey import by_id
from tests.e2e.test_registration_to_first_login import log_in

CLASS_UPDATE_SECONDS = 60_000


def preview_and_save(page, months: int) -> None:
    by_id(page, f"preset-{months}").click()
    by_id(page, "preview-button").click()
    expect(by_id(page, "save-button")).to_be_enabled(timeout=30_000)
    by_id(page, "save-button").click()
    expect(by_id(page, "class-update-done")).to_be_visible(timeout=CLASS_UPDATE_SECONDS)


def test_preview_change_threshold_save_compare_explain_report_and_home_grid(stack, page):
    # Given the demo pharmacy (400 customers, two years of orders) logged in
    log_in(page, stack, f"{stack.web}/#/login", "demo", "Demo12345", "13900000000", "30-analysis")
    expect(by_id(page, "company-name")).to_be_visible()

    # When it previews the last 12 months with the default mean thresholds
    page.goto(f"{stack.web}/#/analysis")
    by_id(page, "preset-12").click()
    by_id(page, "preview-button").click()
    thresholds = by_id(page, "thresholds-card")
    expect(thresholds).to_contain_text("天", timeout=30_000)
    expect(by_id(page, "rfm-grid").locator("canvas").first).to_be_visible()
    expect(by_id(page, "class-summary")).to_contain_text("重要价值客户")
    expect(by_id(page, "no-purchase-count")).to_have_text(re.compile(r"\d"))
    mean_counts = by_id(page, "class-summary").inner_text()
    shot(page, "30-analysis-preview-mean")

    # And switches the threshold method to the median: the preview is recomputed at once
    by_id(page, "threshold-median").click()
    expect(by_id(page, "class-summary")).not_to_have_text(mean_counts, timeout=30_000)
    expect(by_id(page, "thresholds-card")).to_contain_text("中位数")
    expect(page.locator("[data-testid=preview-result] .el-loading-mask:visible")).to_have_count(0)
    shot(page, "31-analysis-preview-median")

    # And saves it: customers' classes are updated in the background
    by_id(page, "save-button").click()
    expect(by_id(page, "class-update-done")).to_be_visible(timeout=CLASS_UPDATE_SECONDS)
    shot(page, "32-analysis-saved")

    # And saves a second analysis of the last 6 months
    by_id(page, "threshold-mean").click()
    preview_and_save(page, 6)

    # Then the comparison of the two shows the transition matrix, the flow and the movers
    page.goto(f"{stack.web}/#/comparisons")
    expect(by_id(page, "transition-matrix")).to_be_visible(timeout=30_000)
    expect(by_id(page, "sankey").locator("canvas").first).to_be_visible()
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

    # And the home page shows the latest grid, the class counts and the trend
    page.goto(f"{stack.web}/#/")
    expect(by_id(page, "home-grid").locator("canvas").first).to_be_visible(timeout=30_000)
    expect(by_id(page, "home-classes")).to_contain_text("重要价值客户")
    expect(by_id(page, "home-trend")).to_be_visible()
    shot(page, "36-home-dashboard")

    # And in the customer list a class explains itself against the latest analysis' thresholds
    page.goto(f"{stack.web}/#/customers")
    by_id(page, "customer-class-explain").first.click()
    expect(by_id(page, "explain-checks")).to_contain_text("阈值", timeout=30_000)
    expect(page.locator(".el-drawer-fade-enter-active")).to_have_count(0)
    shot(page, "37-customer-class-explanation")
