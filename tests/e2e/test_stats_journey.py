"""运营统计 in a real browser: the admin's home shows the totals, the growth chart (7 and 30 days, 企业/客户/订单),
the waiting work linked to where it is done and the top tenants; a plan reviewer sees no fee or tenant figures."""
import re

from playwright.sync_api import expect

from chalicelib.domain.license import check_character
from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import ADMIN, Api, by_id, screen  # noqa: F401  (a fixture)
from tests.e2e.test_registration_to_first_login import log_in

COMPANY = "统计之家大药房（科技园店）"
CUSTOMERS = "客户编码,客户名称,手机号,性别,生日,地区,身份证号,标签,短信同意\n" + "".join(
    f"S{n:03d},客户{n},1381600{n:04d},女,1985-06-01,广东省/深圳市,,会员,是\n" for n in range(1, 13))


def pending_registration(api: Api, seed: int) -> None:
    head = f"91440300MA5FC{seed:04d}"
    api.call("POST", "/api/auth/register", {
        "company_name": f"待审核药房{seed}", "contact_name": "陈药师", "contact_phone": f"1370002{seed:04d}",
        "license_no": head + check_character(head), "industry": "医药",
        "region": {"province": "广东省", "city": "深圳市", "code": "440300"},
        "username": f"smallfix{seed}", "password": "Renxin2026"})


def test_the_admin_reads_the_platform_home_switches_the_chart_and_follows_the_work(stack, screen):
    api = Api(stack)
    form, token = api.approved_tenant(161, COMPANY)
    api.import_file(token, "customers", "customers.csv", CUSTOMERS)
    pending_registration(api, 162)

    log_in(screen, stack, f"{stack.web}/admin/#/login", *ADMIN, "160-admin")
    expect(by_id(screen, "stat-total")).to_contain_text("企业总数")
    expect(by_id(screen, "registrations-chart").locator("canvas")).to_be_visible()
    expect(by_id(screen, "registrations-chart")).to_have_attribute("aria-label", re.compile("柱状图"))
    expect(by_id(screen, "growth-summary")).to_contain_text("近 7 天净增企业")
    count = int(by_id(screen, "waiting-count-registrations").inner_text().replace(",", ""))
    assert count >= 1
    expect(by_id(screen, "waiting-overdue_fees")).to_be_visible()
    expect(by_id(screen, "top-data-row").filter(has_text=COMPANY)).to_be_visible()
    shot(screen, "161-platform-home")

    by_id(screen, "growth-days-30").click()
    expect(by_id(screen, "growth-summary")).to_contain_text("近 30 天净增企业")
    by_id(screen, "growth-metric-customers").click()
    expect(by_id(screen, "growth-summary")).to_contain_text(re.compile(r"近 30 天净增客户 [\d,]+ 位"))
    shot(screen, "162-platform-home-30d")

    by_id(screen, "top-data-row").filter(has_text=COMPANY).click()
    expect(screen).to_have_url(re.compile(rf"/tenants/{form['tenant_id']}$"))
    screen.go_back()
    by_id(screen, "waiting-registrations").click()
    expect(screen).to_have_url(re.compile(r"/tenants\?status=pending"))
    expect(by_id(screen, "tenant-row").filter(has_text="待审核药房162")).to_be_visible()


def test_a_plan_reviewer_sees_the_home_without_fee_or_tenant_figures(stack, screen):
    api = Api(stack)
    admin = api.admin()
    api.call("POST", "/api/admin/staff", {"username": "statreviewer", "display_name": "统计审核员",
                                          "mobile": "13700030163", "role": "plan_reviewer",
                                          "password": "Review12345"}, admin)
    log_in(screen, stack, f"{stack.web}/admin/#/login", "statreviewer", "Review12345", "13700030163", "163-reviewer")
    expect(by_id(screen, "waiting-plans")).to_be_visible()
    expect(by_id(screen, "registrations-chart").locator("canvas")).to_be_visible()
    expect(by_id(screen, "waiting-registrations")).to_have_count(0)
    expect(by_id(screen, "waiting-overdue_fees")).to_have_count(0)
    expect(by_id(screen, "top-data")).to_have_count(0)
    shot(screen, "163-platform-home-plan-reviewer")
