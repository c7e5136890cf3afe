"""Far dates and huge numbers anywhere a person can type them answer a clear 400 (or a row error), never 500."""
import json
import subprocess
import sys

import pytest

from chalicelib.domain.cleaning.dates import china_today
from tests.integration.analysis_helpers import stock_tenant
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, ORDER_HEADER, csv_file, run_import

RANGE = "1990-01-01 至 2099-12-31"
ORDER_RANGE = f"1990-01-01 至 {china_today():%Y-%m-%d}"  # an order can't be dated after today


@pytest.fixture
def tenant(api, aws):
    tenant_id, token = approved_tenant(api, 1)
    stock_tenant(api, aws, token)
    return tenant_id, token


@pytest.mark.parametrize("start, end, message", [
    ("9999-01-01", "9999-12-31", f"开始日期 9999-01-01 超出可选范围，请选择 {RANGE} 之间的日期"),
    ("2026-01-01", "9999-12-31", "结束日期 9999-12-31 超出可选范围"),
    ("0001-01-01", "0001-12-31", "开始日期 0001-01-01 超出可选范围"),
    ("0001-01-01", "2026-01-01", "开始日期 0001-01-01 超出可选范围"),
    ("2100-01-01", "2100-01-31", "超出可选范围"),
    ("99999-01-01", "99999-12-31", "开始日期应为 YYYY-MM-DD 格式的有效日期"),
    ("2026-01-01", "1" * 5000, "结束日期应为 YYYY-MM-DD 格式的有效日期"),
    (20260101, "2026-03-31", "请填写开始日期"),
])
def test_an_analysis_window_beyond_the_calendar_answers_400_saying_which_dates_are_allowed(api, tenant, start, end,
                                                                                          message):
    _, token = tenant
    answer = api.post("/api/analyses", {"start": start, "end": end}, token=token)
    assert answer.status_code == 400, answer.data
    assert message in answer.data["message"] and answer.data["code"] == "VALIDATION_FAILED"


def test_the_last_allowed_day_still_runs_and_answers_that_nobody_bought_then(api, tenant):
    _, token = tenant
    answer = api.post("/api/analyses", {"start": "2099-01-01", "end": "2099-12-31"}, token=token)
    assert answer.status_code == 422 and answer.data["code"] == "NO_PURCHASES"


@pytest.mark.parametrize("cell", ["9999-12-31", "0001-01-01 08:00", "2262-04-11 23:47:17", "9999年12月31日",
                                  "99991231235959"])
def test_an_order_dated_beyond_the_calendar_is_a_row_error_naming_the_range_not_a_failed_import(api, aws, tenant, cell):
    _, token = tenant
    job = run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, f"SO900,C00001,{cell},10.00"))
    assert job["status"] == "rejected", job
    assert [(e["row"], e["message"]) for e in job["errors"]] == [(2, f"下单时间“{cell}”须在 {ORDER_RANGE} 之间")]


def test_the_bulk_api_refuses_a_far_order_date_the_same_way(api, aws, tenant):
    _, token = tenant
    key = api.post("/api/api-keys", {"name": "ERP"}, token=token).data["key"]
    answer = api.client.http.post("/api/bulk/orders", headers={"X-Api-Key": key, "Content-Type": "application/json"},
                                  body=json.dumps({"rows": [{"order_id": "B1", "customer_code": "C00001",
                                                             "ordered_at": "9999-12-31 23:59:59", "amount": "1"}]}))
    job = json.loads(answer.body)
    assert answer.status_code == 200 and job["status"] == "rejected", job
    assert [(e["row"], e["message"]) for e in job["errors"]] == [(1, f"下单时间“9999-12-31 23:59:59”须在 {ORDER_RANGE} 之间")]


def test_a_far_birthday_is_a_row_error(api, aws, tenant):
    _, token = tenant
    row = "C00077,远期客户,13812340077,女,9999-12-31,,,,是"
    job = run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, row))
    assert job["status"] == "rejected" and job["errors"][0]["row"] == 2
    assert "生日" in job["errors"][0]["message"]


@pytest.mark.parametrize("path", [
    "/api/analyses?page=100000000000000000000000000000&size=100000000000000000000",
    "/api/customers?page=100000000000000000000000000000&size=-100000000000000000000",
    "/api/imports?page=-100000000000000000000000000000&size=100000000000000000000",
])
def test_huge_page_numbers_answer_an_empty_or_first_page(api, tenant, path):
    _, token = tenant
    answer = api.get(path, token=token)
    assert answer.status_code == 200, answer.data


def test_huge_page_numbers_of_an_analysis_and_a_comparison_answer_empty_pages(api, aws, tenant):
    from tests.integration.analysis_helpers import saved

    _, token = tenant
    first = saved(api, aws, token, start="2025-12-01", end="2026-02-28")["analysis_id"]
    second = saved(api, aws, token)["analysis_id"]
    huge = "page=100000000000000000000000000000&size=100000000000000000000"
    for path in (f"/api/analyses/{second}/customers?{huge}", f"/api/comparisons/customers?from={first}&to={second}&{huge}"):
        answer = api.get(path, token=token)
        assert answer.status_code == 200 and answer.data["items"] == [], path
    odd = api.get(f"/api/comparisons?from={'9' * 5000}&to={second}", token=token)
    assert odd.status_code in (400, 404) and odd.data["message"]


@pytest.mark.parametrize("value, message", [
    ("9999-12-31", f"日期 9999-12-31 超出可选范围，请选择 {RANGE} 之间的日期"),
    ("0001-01-01", "日期 0001-01-01 超出可选范围"),
    ("2026-2-1", "日期应为 YYYY-MM-DD 格式的有效日期"),
])
def test_make_monthly_with_a_far_date_stops_with_a_chinese_message_before_touching_the_stack(value, message):
    # `make monthly DATE=…` runs this command; argparse refuses the date before any AWS call
    done = subprocess.run([sys.executable, "-m", "local.monthly", "--date", value], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
