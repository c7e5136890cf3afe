"""The API docs page: reachable from the user portal's 数据对接 page, it renders the generated OpenAPI document."""
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_admin_and_small_fixes import Api, by_id
from tests.e2e.test_registration_to_first_login import log_in


def test_the_integration_page_links_to_the_api_docs_which_list_every_area(stack, page):
    # Given an approved enterprise's administrator on its 数据对接 page
    form, _ = Api(stack).approved_tenant(213, "接口文档药房")
    log_in(page, stack, f"{stack.web}/#/login", form["username"], form["password"], form["contact_phone"],
           "90-api-docs")
    page.goto(f"{stack.web}/#/integration")

    # When it opens 接口文档 (a new tab)
    with page.context.expect_page() as opened:
        by_id(page, "api-docs-link").click()
    docs = opened.value

    # Then Swagger UI shows the generated document: its title and every area of the API, folded
    expect(docs.locator(".swagger-ui .info .title")).to_contain_text("精准营销云 API", timeout=60_000)
    for area in ("customers", "segments", "campaigns", "admin", "bulk"):
        expect(docs.locator(f".opblock-tag[data-tag={area}]")).to_be_visible()
    # And unfolding the bulk API shows it takes an X-Api-Key, not a login
    docs.locator(".opblock-tag[data-tag=bulk]").click()
    docs.locator("#operations-bulk-bulk_bulk_import .opblock-summary").click()
    expect(docs.locator("#operations-bulk-bulk_bulk_import")).to_contain_text("rows")
    docs.locator("#operations-bulk-bulk_bulk_import .authorization__btn").click()
    expect(docs.locator(".auth-container")).to_contain_text("X-Api-Key")
    shot(docs, "91-api-docs-page")
    assert by_id(docs, "api-docs-json").get_attribute("href").endswith("/api/openapi.json")
