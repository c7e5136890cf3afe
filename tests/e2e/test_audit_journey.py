"""The platform admin reads the audit log by company and sees what changed, before → after; 字典 shows the fee
plans; a 企业管理员 withdraws a profile change that waits for review (seeds 181-189)."""
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import ADMIN, Api, by_id, screen  # noqa: F401  (a fixture)
from tests.e2e.test_registration_to_first_login import log_in

PROFILE_FIELDS = ("company_name", "contact_name", "contact_phone", "license_no", "region", "industry")


def test_the_admin_finds_a_tenants_approved_change_in_the_audit_log(stack, screen):  # noqa: F811
    api = Api(stack)
    # Given a tenant whose new company name the platform admin approved
    form, token = api.approved_tenant(181, "审计测试大药房")
    profile = {k: form[k] for k in PROFILE_FIELDS}
    api.call("PUT", "/api/me/profile", {**profile, "company_name": "审计测试健康药房"}, token)
    api.call("POST", f"/api/admin/tenants/{form['tenant_id']}/changes/approve", {}, api.admin())

    # When the admin searches the audit log by the company's name
    log_in(screen, stack, f"{stack.web}/admin/#/login", *ADMIN, "181-admin")
    expect(by_id(screen, "stat-total")).to_be_visible()
    screen.goto(f"{stack.web}/admin/#/audit")
    expect(by_id(screen, "audit-table")).to_be_visible()
    # Element Plus hands an input's attributes to its <input>
    screen.locator("input[data-testid=audit-company]").fill("审计测试健康")
    screen.locator(".el-autocomplete-suggestion li", has_text="审计测试健康药房").click()

    # Then only that tenant's entries show, the approval reading 企业名称 before → after by the admin's name
    rows = by_id(screen, "audit-table").locator(".el-table__body tr")
    expect(rows.filter(has_not_text="审计测试健康药房")).to_have_count(0)
    expect(rows.filter(has_text="通过资料变更")).to_have_count(1)
    approved = rows.filter(has_text="通过资料变更")
    expect(approved.locator("[data-testid=audit-changes]")).to_contain_text("企业名称：审计测试大药房 → 审计测试健康药房")
    expect(approved.locator("[data-testid=audit-actor-name]")).to_have_text("平台管理员")
    expect(approved).to_contain_text("超级管理员")
    expect(rows.filter(has_text="修改企业资料")).to_have_count(1)
    shot(screen, "181-audit-log")

    # And 字典 shows the fee plans with their prices beside the other dictionaries
    screen.goto(f"{stack.web}/admin/#/dictionaries")
    screen.locator(".el-tabs__item", has_text="套餐与价格").click()
    plans = by_id(screen, "fee-plans-card")
    expect(plans.locator("[data-testid=fee-plan-row]")).to_have_count(3)
    expect(plans.locator("input[data-testid=fee-plan-name]").nth(1)).to_have_value("标准版")
    expect(plans.locator("input[data-testid=fee-plan-code]").first).to_be_disabled()
    shot(screen, "182-dictionary-fee-plans")
    screen.locator(".el-tabs__item", has_text="平台设置").click()
    expect(screen.locator("input[data-testid=setting-contact_phone]")).to_have_value("400-800-1234")
    shot(screen, "183-dictionary-settings")


def test_a_tenant_admin_withdraws_a_pending_profile_change(stack, screen):  # noqa: F811
    api = Api(stack)
    form, token = api.approved_tenant(182, "撤回测试大药房")
    profile = {k: form[k] for k in PROFILE_FIELDS}
    api.call("PUT", "/api/me/profile", {**profile, "company_name": "撤回测试新名药房"}, token)

    log_in(screen, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"], "184-user")
    expect(by_id(screen, "company-name")).to_be_visible()
    screen.goto(f"{stack.web}/#/profile")
    expect(by_id(screen, "pending-changes")).to_contain_text("企业名称：撤回测试新名药房")
    shot(screen, "184-profile-pending-change")
    by_id(screen, "profile-withdraw").click()
    screen.locator(".el-message-box .el-button--primary").click()
    expect(by_id(screen, "pending-changes")).to_have_count(0)
    assert api.call("GET", "/api/me", token=token)["tenant"]["pending_changes"] == {}
    shot(screen, "185-profile-withdrawn")
