"""The monthly schedule -> queue -> worker -> snapshot path, comparisons between snapshots, and the dashboard."""
import io

import openpyxl
import pytest

from chalicelib.adapters import analysis_store
from tests.integration.analysis_helpers import deliver_analyses, saved, stock_tenant
from tests.integration.helpers import approved_tenant, registration

SCHEDULE_TIME = "2026-10-31T18:00:00Z"  # 2026-11-01 02:00 China time


@pytest.fixture
def tenant(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    stock_tenant(api, aws, token)
    return tenant_id, token


def fire_schedule(api, time: str = SCHEDULE_TIME):
    event = api.client.events.generate_cw_event("aws.events", "Scheduled Event", {}, [])
    event["time"] = time
    return api.client.lambda_.invoke("monthly_analysis", event)


def test_the_schedule_queues_each_approved_tenant_and_the_worker_saves_one_snapshot_per_month(api, aws, tenant):
    tenant_id, token = tenant
    api.post("/api/auth/register", registration(9))  # a pending tenant is not analysed
    # When the schedule fires on 1 November (China time) and the worker runs
    fire_schedule(api)
    assert deliver_analyses(aws) == 2  # the monthly analysis, then its class update; nothing for the pending tenant
    # Then the tenant has a monthly snapshot of Nov 2025 - Oct 2026, and customers have classes
    listed = api.get("/api/analyses", token=token).data["items"]
    assert [(a["analysis_id"], a["kind"], a["params"]["start"], a["params"]["end"]) for a in listed] == [
        ("monthly-2026-10", "monthly", "2025-11-01", "2026-10-31")]
    assert listed[0]["class_update"]["status"] == "done"
    # When the same month runs again (a retry, or a second firing)
    fire_schedule(api)
    deliver_analyses(aws)
    # Then there is still one snapshot
    assert api.get("/api/analyses", token=token).data["total"] == 1
    assert analysis_store.get_header(tenant_id, "monthly-2026-10")["kind"] == "monthly"


def test_a_tenant_without_orders_is_skipped_by_the_monthly_analysis(api, aws):
    _, token = approved_tenant(api, 3)
    fire_schedule(api)
    deliver_analyses(aws)
    assert api.get("/api/analyses", token=token).data["total"] == 0


def test_the_analysis_worker_runs_behind_the_lambda_sqs_trigger(api, aws, tenant):
    _, token = tenant
    message = '{"type": "monthly", "tenant_id": "%s", "today": "2026-11-01"}' % tenant[0]
    api.client.lambda_.invoke("analysis_worker", api.client.events.generate_sqs_event([message], "jzyx-dev-analyses"))
    assert api.get("/api/analyses", token=token).data["items"][0]["analysis_id"] == "monthly-2026-10"


def test_a_comparison_counts_every_move_and_lists_who_moved_up_and_down(api, aws, tenant):
    _, token = tenant
    # Given an analysis of Dec-Feb and one of Jan-Mar
    before = saved(api, aws, token, start="2025-12-01", end="2026-02-28")["analysis_id"]
    after = saved(api, aws, token)["analysis_id"]
    # When they are compared
    answer = api.get(f"/api/comparisons?from={before}&to={after}", token=token)
    assert answer.status_code == 200, answer.data
    result = answer.data
    # Then the matrix covers everyone seen in either window, with 无购买 last
    assert result["positions"][-1] == "无购买" and len(result["matrix"]) == 9
    assert sum(map(sum, result["matrix"])) == 5  # C00001-C00005 bought in one window or the other
    assert result["moved_up_total"] + result["moved_down_total"] + result["stayed_total"] == 5
    up = {item["customer_code"]: item for item in result["moved_up"]}
    assert up["C00001"]["from_class"] == "无购买" and up["C00001"]["from"] is None  # first purchase in March
    down = {item["customer_code"]: item for item in result["moved_down"]}
    assert down["C00005"]["to_class"] == "无购买" and down["C00005"]["to"] is None  # bought only in December
    # And a matrix cell drills down to its customers
    cell = api.get(f"/api/comparisons/customers?from={before}&to={after}&from_class=无购买&to_class=重要价值客户",
                   token=token).data
    assert [item["customer_code"] for item in cell["items"]] == ["C00001"]
    downs = api.get(f"/api/comparisons/customers?from={before}&to={after}&direction=down&size=1", token=token).data
    assert downs["total"] == result["moved_down_total"] and len(downs["items"]) == 1
    # And the movers export as a workbook
    export = api.client.http.get(f"/api/comparisons/export?from={before}&to={after}",
                                 headers={"Authorization": f"Bearer {token}", "Accept": "*/*"})
    book = openpyxl.load_workbook(io.BytesIO(export.body))
    assert book.sheetnames == ["迁移矩阵", "升级客户", "降级客户"]
    assert len(list(book["升级客户"].iter_rows(min_row=2))) == result["moved_up_total"]
    matrix_rows = list(book["迁移矩阵"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in matrix_rows][-1] == "无购买" and sum(row[-1] for row in matrix_rows) == 5


def test_comparing_an_analysis_with_itself_or_a_missing_one_is_refused(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token)["analysis_id"]
    same = api.get(f"/api/comparisons?from={analysis_id}&to={analysis_id}", token=token)
    assert same.status_code == 400 and "两次不同" in same.data["message"]
    assert api.get(f"/api/comparisons?from={analysis_id}&to=missing", token=token).status_code == 404
    bad = api.get(f"/api/comparisons/customers?from={analysis_id}&to=x&direction=sideways", token=token)
    assert bad.status_code in (400, 404)


def test_the_dashboard_shows_the_guide_state_then_the_latest_grid_and_the_trend(api, aws, tenant):
    _, token = tenant
    empty = api.get("/api/dashboard", token=token).data
    assert empty["latest"] is None and empty["trend"] == [] and empty["customers"] == 6 and empty["orders"] == 8
    saved(api, aws, token, start="2025-12-01", end="2026-02-28")
    latest = saved(api, aws, token)
    board = api.get("/api/dashboard", token=token).data
    assert board["latest"]["analysis_id"] == latest["analysis_id"] and len(board["latest"]["grid"]) == 5
    assert [point["end"] for point in board["trend"]] == ["2026-02-28", "2026-03-31"]
    assert board["trend"][-1]["classes"]["重要价值客户"] == latest["classes"]["重要价值客户"]["count"]
