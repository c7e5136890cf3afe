"""企业子账号: the 企业管理员 creates 店长 and 只读 logins; each logs in with its own SMS code and may do only its part."""
import re

import pytest

from chalicelib.adapters import audit_log
from chalicelib.domain.schemas import AccountRequest
from chalicelib.errors import Conflict
from chalicelib.services import accounts
from tests.integration.helpers import approved_tenant, log_in
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, run_import
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)

PASSWORD = "Shop2026ab"
PLACEHOLDER = "x"  # every {parameter} of a route, when walking the routes table


def account(username: str, role: str, mobile: str, **extra) -> dict:
    return {"username": username, "display_name": "王店长", "mobile": mobile, "password": PASSWORD, "role": role,
            **extra}


@pytest.fixture
def tenant(api, aws):
    """An approved tenant whose customers belong to 南山店 (C00001, C00002) and 福田店 (C00003)."""
    tenant_id, token = approved_tenant(api, 1)
    rows = ["C00001,客户一,13812340001,女,1985-06-01,广东省/深圳市,,会员,是,南山店",
            "C00002,客户二,13812340002,男,1990-01-01,广东省/深圳市,,,是,南山店",
            "C00003,客户三,13812340003,女,1970-03-01,广东省/深圳市,,,否,福田店"]
    finished = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER + ",所属门店", *rows))
    assert finished["status"] == "completed", finished
    return tenant_id, token


@pytest.fixture
def manager(api, tenant):
    """(token) of a 店长 of 南山店 who may not see full mobiles."""
    _, admin = tenant
    created = api.post("/api/accounts", account("nanshan1", "store_manager", "13700000001", store="南山店"), token=admin)
    assert created.status_code == 201, created.data
    return log_in(api, "nanshan1", PASSWORD, "13700000001")


@pytest.fixture
def reader(api, tenant):
    _, admin = tenant
    created = api.post("/api/accounts", account("viewer1", "tenant_readonly", "13700000002"), token=admin)
    assert created.status_code == 201, created.data
    return log_in(api, "viewer1", PASSWORD, "13700000002")


def test_the_admin_creates_a_store_manager_who_logs_in_with_a_code_sent_to_its_own_mobile(api, tenant):
    tenant_id, admin = tenant
    # Given a 店长 account created by the 企业管理员
    created = api.post("/api/accounts", account("nanshan1", "store_manager", "13700000001", store="南山店",
                                                show_mobile=True), token=admin)
    assert created.status_code == 201, created.data
    assert created.data["account"] | {"created_at": ""} == {
        "username": "nanshan1", "display_name": "王店长", "role": "store_manager", "role_label": "店长",
        "mobile": "13700000001", "store": "南山店", "show_mobile": True, "status": "active", "created_at": "",
        "created_by": "pharmacy1", "sub_account": True}
    # When it logs in (the code goes to its own mobile, log_in reads it there)
    token = log_in(api, "nanshan1", PASSWORD, "13700000001")
    # Then it is a 店长 of its tenant, limited to its store, allowed to export and edit but not to administer
    me = api.get("/api/me", token=token).data
    assert (me["tenant_id"], me["role_label"], me["store"], me["mobile_visible"]) == (tenant_id, "店长", "南山店", True)
    assert me["permissions"] == ["read", "export", "edit"]
    # And the creation is in the tenant's audit log under the admin's name
    assert [(e["actor"], e["action"]) for e in audit_log.entries(f"tenant#{tenant_id}")][0] == ("pharmacy1", "新增子账号")


def test_the_account_list_shows_the_admin_first_then_its_sub_accounts(api, tenant, manager, reader):
    _, admin = tenant
    items = api.get("/api/accounts", token=admin).data["items"]
    assert [(a["username"], a["role_label"], a["store"], a["sub_account"]) for a in items] == [
        ("pharmacy1", "企业管理员", "", False), ("nanshan1", "店长", "南山店", True), ("viewer1", "只读", "", True)]


def test_another_tenant_sees_none_of_these_accounts_and_cannot_disable_them(api, tenant, manager):
    _, other = approved_tenant(api, 2)
    assert [a["username"] for a in api.get("/api/accounts", token=other).data["items"]] == ["pharmacy2"]
    assert api.post("/api/accounts/nanshan1/disable", token=other).status_code == 404


WRONG_FORMS = [
    (account("shop1", "store_manager", "13700000003"), "store"),
    (account("shop1", "store_manager", "13700000003", store="罗湖店"), "store"),
    (account("shop1", "tenant_admin", "13700000003"), "role"),
    (account("shop1", "admin", "13700000003"), "role"),
    (account("shop1", "tenant_readonly", "1370000"), "mobile"),
    (account("shop1", "tenant_readonly", "13700000003", password="short"), "password"),
    (account("shop2026a", "tenant_readonly", "13700000003", password="Shop2026A"), "password"),
    (account("a", "tenant_readonly", "13700000003"), "username"),
]


def test_a_wrong_account_is_refused_naming_the_field_to_fix(api, tenant):
    # One tenant for every case: each answer is checked on its own
    fields = {}
    for form, field in WRONG_FORMS:
        answer = api.post("/api/accounts", form, token=tenant[1])
        fields[(form["username"], form["role"], form.get("store"), form["password"], field)] = (
            answer.status_code, field in [d["field"] for d in answer.data["details"]])
    assert set(fields.values()) == {(400, True)}, fields
    assert api.get("/api/accounts", token=tenant[1]).data["items"][1:] == []


def test_a_read_only_account_keeps_no_store_and_never_sees_full_mobiles(api, tenant):
    form = account("viewer1", "tenant_readonly", "13700000002", store="南山店", show_mobile=True)
    created = api.post("/api/accounts", form, token=tenant[1]).data["account"]
    assert (created["store"], created["show_mobile"]) == ("", False)
    me = api.get("/api/me", token=log_in(api, "viewer1", PASSWORD, "13700000002")).data
    assert (me["store"], me["mobile_visible"], me["permissions"]) == ("", False, ["read"])


def test_a_login_name_is_taken_across_tenants_and_staff(api, tenant):
    approved_tenant(api, 2)
    for taken in ("pharmacy2", "admin"):
        answer = api.post("/api/accounts", account(taken, "tenant_readonly", "13700000003"), token=tenant[1])
        assert (answer.status_code, answer.data["code"]) == (409, "USERNAME_TAKEN")


def test_two_admins_creating_the_same_login_name_at_once_get_one_account(tenant, atomic_dynamodb):  # noqa: F811
    tenant_id, _ = tenant
    forms = [AccountRequest(**account("twin1", "tenant_readonly", f"1370000000{n}")) for n in (5, 6)]
    results = all_at_once(*[lambda form=form: accounts.create_account(tenant_id, form, "pharmacy1") for form in forms])
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "dict"]
    assert isinstance(next(r for r in results if not isinstance(r, dict)), Conflict)


def test_a_disabled_sub_account_loses_its_session_at_once_and_cannot_log_in_until_enabled(api, tenant, manager):
    tenant_id, admin = tenant
    assert api.post("/api/accounts/nanshan1/disable", token=admin).data["account"]["status"] == "disabled"
    # Its open session ends on the next request, with a message naming who can help
    ended = api.get("/api/customers", token=manager)
    assert ended.status_code == 403
    refused = api.post("/api/auth/login", {"username": "nanshan1", "password": PASSWORD})
    assert (refused.status_code, refused.data["code"]) == (403, "ACCOUNT_DISABLED")
    assert "企业的管理员" in refused.data["message"]
    # Enabled again, it logs in
    assert api.post("/api/accounts/nanshan1/enable", token=admin).data["account"]["status"] == "active"
    assert api.get("/api/me", token=log_in(api, "nanshan1", PASSWORD, "13700000001")).status_code == 200
    actions = [e["action"] for e in audit_log.entries(f"tenant#{tenant_id}")]
    assert actions[:3] == ["启用子账号", "停用子账号", "新增子账号"]


def test_the_enterprise_admin_account_cannot_be_disabled_from_the_account_page(api, tenant):
    answer = api.post("/api/accounts/pharmacy1/disable", token=tenant[1])
    assert (answer.status_code, answer.data["code"]) == (403, "NOT_A_SUB_ACCOUNT")


def test_a_disabled_tenant_takes_its_sub_accounts_with_it(api, tenant, reader):
    from tests.integration.helpers import admin_token

    tenant_id, _ = tenant
    api.post(f"/api/admin/tenants/{tenant_id}/disable", token=admin_token(api))
    assert api.get("/api/me", token=reader).status_code == 403


def protected_routes():
    from app import app

    return [(method, path) for path, methods in sorted(app.routes.items()) for method, entry in methods.items()
            if entry.authorizer is not None]


def filled(path: str) -> str:
    return re.sub(r"\{[^}]+\}", PLACEHOLDER, path)


def changes_or_exports(method: str, path: str) -> bool:
    """A route that changes data or hands it out (a file or a link), whatever its method."""
    return method != "GET" or any(word in path for word in ("export", "download", "report", "excluded"))


# What a 只读 may still do among those: change its own password, and requests that change and hand out nothing
# (a segment count, the SMS editor's live check, a campaign's pre-send check and its report page).
READ_ONLY_WRITES = {("POST", "/api/me/password"), ("POST", "/api/me/logout-all"), ("POST", "/api/segments/count"),
                    ("POST", "/api/sms/templates/check"),
                    ("POST", "/api/campaigns/{campaign_id}/preview"), ("GET", "/api/campaigns/{campaign_id}/report"),
                    # marking one's own messages read changes no tenant data
                    ("POST", "/api/notifications/read")}


def test_a_read_only_token_is_refused_on_every_route_that_changes_or_exports(api, tenant, reader):
    # Walks the app's routes table: a route added later is covered without editing this test
    walked = [(m, p) for m, p in protected_routes() if changes_or_exports(m, p) and (m, p) not in READ_ONLY_WRITES]
    assert len(walked) > 30  # the table was read, not an empty list
    allowed = {(m, p): answer.status_code for m, p in walked
               if (answer := api.call(m, filled(p), {}, token=reader)).status_code != 403}
    assert allowed == {}


# The 企业管理员's own areas: a 店长 is refused there whatever the method.
ADMIN_AREAS = ("/api/imports", "/api/accounts", "/api/api-keys", "/api/integration", "/api/me/profile",
               "/api/admin/", "/api/plans/mine", "/api/plans/attachment-upload")
# Where a 店长 reads and exports but does not run, save or submit.
READ_AREAS = ("/api/analyses", "/api/plans", "/api/stores")


def admin_only(method: str, path: str) -> bool:
    if path.startswith(ADMIN_AREAS):
        return True
    return method != "GET" and path.startswith(READ_AREAS) and not changes_or_exports("GET", path)


def test_a_store_manager_is_refused_on_every_admin_route(api, tenant, manager):
    walked = [(m, p) for m, p in protected_routes() if admin_only(m, p)]
    assert len(walked) > 20
    allowed = {(m, p): answer.status_code for m, p in walked
               if (answer := api.call(m, filled(p), {}, token=manager)).status_code != 403}
    assert allowed == {}


def test_a_store_manager_sees_only_its_stores_customers_whatever_store_it_asks_for(api, tenant, manager):
    for asked in ("", "?store=福田店"):
        listed = api.get(f"/api/customers{asked}", token=manager).data
        assert [(c["customer_code"], c["store"]) for c in listed["items"]] == [("C00001", "南山店"), ("C00002", "南山店")]
    # Its lists mask mobiles (its account does not show them), the admin's do not
    assert listed["items"][0]["mobile"] == "138****0001"
    assert api.get("/api/customers", token=tenant[1]).data["total"] == 3
