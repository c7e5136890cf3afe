"""运营统计: the counters move by exactly what happened (register, approve, import, roll back, analyse, send),
the answer's shape by role, and counts that add up under parallel writers."""
from datetime import datetime, timezone

from chalicelib.adapters import counters
from chalicelib.domain.stats.growth import china_day, series
from chalicelib.services.campaigns import control
from chalicelib.services.stats import backfill
from tests.integration.analysis_helpers import saved
from tests.integration.campaign_helpers import (
    IN_WINDOW,
    TENANT,
    FakeProvider,
    draft,
    ready_tenant,
    receive_all,
    run_chunks,
)
from tests.integration.helpers import admin_token, approved_tenant, registration
from tests.integration.import_helpers import (
    CUSTOMER_HEADER,
    ORDER_HEADER,
    csv_file,
    customer_rows,
    order_rows,
    run_import,
)
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (a fixture)
from tests.integration.test_plan_review import staff_token


def stats(api, token, days=7) -> dict:
    answer = api.get(f"/api/admin/stats?days={days}", token=token)
    assert answer.status_code == 200, answer.data
    return answer.data


def figures(answer: dict) -> dict:
    totals = answer["totals"]
    return {"tenants": totals["tenants"]["total"], "pending": totals["tenants"]["pending"],
            "approved": totals["tenants"]["approved"], **{k: totals[k] for k in (
                "customers", "orders", "analyses", "campaigns", "sms_sent", "sms_cost_yuan")}}


def test_register_approve_import_rollback_and_analyse_move_the_figures_by_exactly_that(api, aws):
    admin = admin_token(api)
    before = figures(stats(api, admin))
    tenant_id, token = approved_tenant(api, 41)
    api.post("/api/auth/register", registration(42))  # stays pending
    after = figures(stats(api, admin))
    assert (after["tenants"], after["pending"], after["approved"]) == (
        before["tenants"] + 2, before["pending"] + 1, before["approved"] + 1)

    assert run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(6)))["status"] == "completed"
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(8)))  # 2 new, 6 again
    orders = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(5)))
    run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(7)))  # 2 new, 5 seen before
    run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(3, 100)), dry_run=True)
    moved = figures(stats(api, admin))
    assert (moved["customers"], moved["orders"]) == (before["customers"] + 8, before["orders"] + 7)
    assert counters.tenant_totals(tenant_id)["imports"] == 4  # the dry run is not an import

    assert api.post(f"/api/imports/{orders['import_id']}/rollback", token=token).status_code == 200
    saved(api, aws, token, start="2026-01-01", end="2026-12-31")
    now = stats(api, admin)
    assert (figures(now)["orders"], figures(now)["analyses"]) == (before["orders"] + 2, before["analyses"] + 1)
    growth = now["growth"]
    assert growth["days"][-1] == china_day() and len(growth["days"]) == 7
    assert growth["customers"]["daily"][-1] >= 8 and growth["customers"]["total"][-1] == now["totals"]["customers"]
    assert growth["tenants"]["total"][-1] == now["totals"]["tenants"]["total"]
    top = now["top_tenants"]["data"][0]
    assert top == {"tenant_id": tenant_id, "company_name": "测试大药房41号店", "customers": 8, "orders": 2}


def test_started_campaigns_and_accepted_sms_are_counted_with_their_cost(api, aws):
    admin = admin_token(api)
    ready_tenant(120)
    campaign_id = draft()
    assert control.send(TENANT, campaign_id, "tester", IN_WINDOW)["status"] == "sending"
    run_chunks(receive_all(), FakeProvider())
    answer = stats(api, admin)
    assert (answer["totals"]["campaigns"], answer["totals"]["sms_sent"]) == (1, 120)
    assert answer["totals"]["sms_cost_yuan"] == "6.60"  # 120 x 1 part x 0.055
    assert answer["top_tenants"]["sms_spend"][0] == {"tenant_id": TENANT, "company_name": "（已删除的企业）",
                                                    "sms_sent": 120, "sms_cost_yuan": "6.60"}


def test_roles_windows_and_tenants(api):
    admin = admin_token(api)
    assert set(stats(api, admin, 30)) == {"totals", "growth", "waiting", "top_tenants"}
    assert len(stats(api, admin, 30)["growth"]["days"]) == 30
    assert "overdue_fees" in stats(api, admin)["waiting"]
    service = stats(api, staff_token(api, "customer_service", 41))
    assert "top_tenants" in service and "overdue_fees" in service["waiting"]
    reviewer = stats(api, staff_token(api, "plan_reviewer", 42))
    assert "top_tenants" not in reviewer and "overdue_fees" not in reviewer["waiting"]
    assert set(reviewer["waiting"]) == {"registrations", "profile_changes", "plans"}
    refused = api.get("/api/admin/stats?days=8", token=admin)
    assert refused.status_code == 400 and "7 或 30" in refused.data["message"]
    assert api.get("/api/admin/stats?days=abc", token=admin).status_code == 400
    _, tenant = approved_tenant(api, 43)
    assert api.get("/api/admin/stats", token=tenant).status_code == 403
    assert api.get("/api/admin/stats").status_code == 401
    assert api.get("/api/admin/overview", token=admin).status_code == 200  # the old home's answer still works


def test_twenty_parallel_counts_add_up_exactly(aws, atomic_dynamodb):
    at = datetime(2026, 11, 30, 16, 30, tzinfo=timezone.utc)  # 00:30 on 12-01 in China
    all_at_once(*[lambda: counters.count("t-par", {"orders": 3, "sms_cost_li": 55}, at) for _ in range(20)])
    assert counters.platform_totals()["orders"] == 60
    assert counters.tenant_totals("t-par")["sms_cost_li"] == 1100
    assert counters.daily(["orders"], 7, "2026-12-01")["orders"] == {"2026-12-01": 60}
    assert counters.top_tenants("orders", 5) == [("t-par", 60)]


def test_deleting_a_tenants_counters_takes_its_totals_off_the_platform_on_the_day_it_happens(aws):
    before, day = datetime(2026, 12, 1, 2, tzinfo=timezone.utc), datetime(2026, 12, 3, 2, tzinfo=timezone.utc)
    counters.count("t-a", {"tenants": 1, "customers": 5, "orders": 9}, before)
    counters.count("t-b", {"tenants": 1, "customers": 2}, day)
    counters.delete_tenant("t-a", day)
    assert (counters.platform_totals()["customers"], counters.platform_totals()["orders"]) == (2, 0)
    daily = counters.daily(["tenants", "customers"], 7, "2026-12-03")
    assert (daily["tenants"]["2026-12-01"], daily["tenants"]["2026-12-03"]) == (1, 0)  # +1 then +1 -1
    assert daily["customers"]["2026-12-03"] == 2 - 5
    grown = series(daily["days"], daily["customers"], counters.platform_totals()["customers"])
    assert grown["total"][-3:] == [5, 5, 2]  # the line follows the bars: 5 on the 1st, down 3 on the 3rd
    assert counters.tenant_totals("t-a")["customers"] == 0
    assert counters.top_tenants("customers", 5) == [("t-b", 2)]


def test_the_backfill_rebuilds_the_counters_from_the_stores_and_can_run_twice(api, aws):
    tenant_id, token = approved_tenant(api, 44)
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(4)))
    run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, *order_rows(3)))
    expected = counters.platform_totals()
    counters.count(tenant_id, {"customers": 100})  # drift the backfill must undo
    backfill.rebuild()
    backfill.rebuild()
    rebuilt = counters.platform_totals()
    assert {k: rebuilt[k] for k in ("tenants", "customers", "orders")} == {
        k: expected[k] for k in ("tenants", "customers", "orders")}
    assert counters.tenant_totals(tenant_id)["customers"] == 4
