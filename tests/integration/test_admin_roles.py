"""Every /api/admin/ route against every kind of login: the expectation is built from the route's path, so a
route added later is covered (and an admin route no rule below classifies fails the test, naming it)."""
import re

import pytest

from chalicelib.domain.roles import ADMIN, CUSTOMER_SERVICE, PLAN_REVIEWER
from tests.integration.helpers import admin_token, approved_tenant, log_in

STAFF = (ADMIN, CUSTOMER_SERVICE, PLAN_REVIEWER)
SUPPORT = (ADMIN, CUSTOMER_SERVICE)
# (method or None for any, path pattern, roles allowed); the first rule that matches decides.
RULES = [
    (None, r"^/api/admin/audit(/|$)", (ADMIN,)),  # the audit log and its export
    (None, r"^/api/admin/dictionaries(/|$)", (ADMIN,)),  # events, industries, fee plans, settings
    (None, r"^/api/admin/staff(/|$)", (ADMIN,)),
    (None, r"/payments/[^/]+/void$", (ADMIN,)),
    (None, r"/fee-plan$", (ADMIN,)),
    (None, r"/deletion(/|$)", (ADMIN,)),
    (None, r"^/api/admin/tenants/[^/]+/export$", (ADMIN,)),  # a tenant's full data export
    ("PUT", r"/sms-caps$", (ADMIN,)),
    (None, r"^/api/admin/billing(/|$)", SUPPORT),  # fee list and its export
    (None, r"/payments$", SUPPORT),
    (None, r"^/api/admin/data$", SUPPORT),
    (None, r"^/api/admin/tenants/[^/]+/(data|jobs/[^/]+)$", SUPPORT),
    (None, r"^/api/admin/tenants(/|$)", SUPPORT),  # review, notes, changes, SMS caps as read
    (None, r"^/api/admin/plans(/|$)", (ADMIN, PLAN_REVIEWER)),
    ("GET", r"^/api/admin/(stats|overview)$", STAFF),
]
PLACEHOLDER = "nosuchthing"


def admin_routes() -> list[tuple[str, str]]:
    from app import app

    return [(method, path) for path, methods in sorted(app.routes.items()) if path.startswith("/api/admin/")
            for method in methods]


def allowed(method: str, path: str) -> tuple | None:
    return next((roles for only, pattern, roles in RULES
                 if (only is None or only == method) and re.search(pattern, path)), None)


def filled(path: str) -> str:
    return re.sub(r"\{[^}]+\}", PLACEHOLDER, path)


def staff_login(api, admin: str, role: str, seed: int) -> str:
    form = {"username": f"roles{seed}", "display_name": f"员工{seed}", "mobile": f"1360000{seed:04d}",
            "role": role, "password": "Staff2026x"}
    assert api.post("/api/admin/staff", form, token=admin).status_code == 201
    return log_in(api, form["username"], form["password"], form["mobile"])


def refusals(api, token: str, role: str) -> tuple[list, list]:
    """(routes the role should be refused but was not, routes it may use but was refused by role)."""
    missed, wrongly = [], []
    for method, path in admin_routes():
        answer = api.call(method, filled(path), {}, token=token)
        refused = answer.status_code == 403 and (answer.data or {}).get("code") == "FORBIDDEN"
        roles = allowed(method, path) or ()  # an unclassified route fails test_every_admin_route_is_classified
        if role not in roles and not refused:
            missed.append((method, path, answer.status_code))
        elif role in roles and refused:
            wrongly.append((method, path))
    return missed, wrongly


def test_every_admin_route_is_classified():
    routes = admin_routes()
    assert len(routes) > 30  # the routes table was read
    assert [route for route in routes if allowed(*route) is None] == []


def test_a_tenant_token_is_refused_on_every_admin_route(api):
    _, token = approved_tenant(api, 181)
    answers = {(m, p): api.call(m, filled(p), {}, token=token) for m, p in admin_routes()}
    assert {route: a.status_code for route, a in answers.items() if a.status_code != 403} == {}
    assert {a.data["code"] for a in answers.values()} == {"FORBIDDEN"}


@pytest.mark.parametrize("role,seed", [(PLAN_REVIEWER, 182), (CUSTOMER_SERVICE, 183)])
def test_staff_roles_reach_exactly_their_areas(api, role, seed):
    token = staff_login(api, admin_token(api), role, seed)
    missed, wrongly = refusals(api, token, role)
    assert missed == []
    assert wrongly == []


def test_the_rules_refuse_what_the_roles_may_not_do():
    """The table itself says what issue 13 asks: no fees, data, audit, dictionaries or tenants for 方案审核员;
    no void, fee plan, dictionaries, deletion, export or audit for 客服."""
    for method, path in [("GET", "/api/admin/billing"), ("GET", "/api/admin/tenants/{t}/payments"),
                         ("PUT", "/api/admin/tenants/{t}/fee-plan"), ("GET", "/api/admin/data"),
                         ("POST", "/api/admin/tenants/{t}/export"), ("POST", "/api/admin/tenants/{t}/deletion"),
                         ("GET", "/api/admin/audit"), ("PUT", "/api/admin/dictionaries/{n}"),
                         ("GET", "/api/admin/tenants")]:
        assert PLAN_REVIEWER not in allowed(method, path), path
    for method, path in [("POST", "/api/admin/tenants/{t}/payments/{p}/void"), ("PUT", "/api/admin/tenants/{t}/fee-plan"),
                         ("GET", "/api/admin/dictionaries/{n}"), ("POST", "/api/admin/tenants/{t}/deletion"),
                         ("POST", "/api/admin/tenants/{t}/export"), ("GET", "/api/admin/audit/export")]:
        assert CUSTOMER_SERVICE not in allowed(method, path), path
