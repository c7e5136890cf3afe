"""RFM analyses through the API: preview, save with class updates, customers, explanation, export, isolation."""
import io
from datetime import datetime, timedelta, timezone

import openpyxl
import pytest

from chalicelib.adapters import counters
from chalicelib.adapters.models import AuditModel
from chalicelib.services.analyses import run
from tests.integration.analysis_helpers import WINDOW, classes_of, deliver_analyses, preview, saved, tenant  # noqa: F401
from tests.integration.helpers import approved_tenant
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)


def test_a_preview_shows_thresholds_classes_grid_and_no_purchase_without_saving(api, tenant):
    _, token = tenant
    # When the user previews Jan-Mar 2026 with the defaults
    result = preview(api, token)
    # Then four customers bought in the window and two are shown apart
    assert (result["customers_analysed"], result["no_purchase"], result["customers_total"]) == (4, 2, 6)
    assert result["orders_in_window"] == 7
    assert result["status"] == "preview" and result["params"]["m_mode"] == "avg"
    # mean R: (1 + 85 + 10 + 49) / 4 days; mean F: 7 / 4; mean M (yuan): (500 + 20 + 55 + 800) / 4
    assert result["thresholds"]["recency_days"] == pytest.approx((1 + 85 + 10 + 49) / 4)
    assert result["thresholds"]["frequency"] == pytest.approx(7 / 4)
    assert result["thresholds"]["monetary"] == pytest.approx((500 + 20 + 55 + 800) / 4)
    assert list(result["classes"]) == ["重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
                                       "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户"]
    assert result["classes"]["重要价值客户"]["count"] == 1  # C00001
    assert result["classes"]["重要价值客户"]["avg_monetary"] == 500.0
    assert sum(cell["count"] for row in result["grid"] for cell in row) == 4
    # And nothing is saved: the list is empty and customers are not analysed
    assert api.get("/api/analyses", token=token).data["total"] == 0
    assert set(classes_of(api, token).values()) == {None}
    assert api.get("/api/customers", token=token).data["analysis_id"] is None


def test_changing_the_threshold_method_changes_the_preview(api, tenant):
    _, token = tenant
    mean, median = preview(api, token), preview(api, token, threshold="median")
    assert median["params"]["threshold"] == "median"
    assert median["thresholds"]["frequency"] == 1.5 and mean["thresholds"]["frequency"] == 1.75


def test_saving_updates_only_the_customers_whose_class_changed(api, aws, tenant):
    _, token = tenant
    # When the preview is saved and the worker runs
    first = saved(api, aws, token)
    # Then every customer has a current class, 无购买 for those without a purchase in the window
    assert first["status"] == "saved" and first["class_update"]["status"] == "done"
    assert first["class_update"]["changed"] == 6
    classes = classes_of(api, token)
    assert classes["C00001"] == "重要价值客户"
    assert classes["C00005"] == classes["C00006"] == "无购买"
    # And saving the same analysis again writes nobody
    second = saved(api, aws, token)
    assert second["class_update"] == {**second["class_update"], "status": "done", "changed": 0}
    listed = api.get("/api/analyses", token=token).data
    assert listed["total"] == 2 and "grid" not in listed["items"][0]
    assert api.get("/api/customers", token=token).data["analysis_id"] == second["analysis_id"]
    distribution = {c["name"]: c["count"] for c in api.get("/api/customers/distribution", token=token).data["classes"]}
    assert distribution["无购买"] == 2 and distribution["未分析"] == 0


def test_parallel_saves_of_one_preview_count_and_audit_it_once(api, aws, tenant, atomic_dynamodb):
    tenant_id, token = tenant
    analysis_id = preview(api, token)["analysis_id"]
    answers = all_at_once(*[lambda: run.save(tenant_id, analysis_id, "pharmacy1") for _ in range(4)])
    assert all(answer["status"] == "saved" for answer in answers), answers
    assert counters.tenant_totals(tenant_id)["analyses"] == 1
    assert [e.action for e in AuditModel.query(f"tenant#{tenant_id}")].count("保存客户分析") == 1
    assert deliver_analyses(aws) == 1


def test_saving_twice_is_idempotent_and_an_expired_preview_cannot_be_saved(api, aws, tenant):
    _, token = tenant
    analysis_id = preview(api, token)["analysis_id"]
    assert api.post(f"/api/analyses/{analysis_id}/save", token=token).status_code == 200
    again = api.post(f"/api/analyses/{analysis_id}/save", token=token)
    assert again.status_code == 200 and again.data["status"] == "saved"
    assert deliver_analyses(aws) == 1  # one class update queued, not two
    missing = api.post("/api/analyses/20260101000000nothere/save", token=token)
    assert missing.status_code == 404 and "重新预览" in missing.data["message"]


def test_the_customers_of_an_analysis_page_filter_and_sort(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token)["analysis_id"]
    page = api.get(f"/api/analyses/{analysis_id}/customers?size=2", token=token).data
    assert page["total"] == 4 and len(page["items"]) == 2
    assert page["items"][0] == {"customer_code": "C00001", "name": "客户1", "recency_days": 1, "frequency": 3,
                                "monetary": 500.0, "r_score": page["items"][0]["r_score"],
                                "f_score": page["items"][0]["f_score"], "m_score": page["items"][0]["m_score"],
                                "rfm_class": "重要价值客户"}
    by_m = api.get(f"/api/analyses/{analysis_id}/customers?sort=monetary&order=desc", token=token).data["items"]
    assert [c["customer_code"] for c in by_m] == ["C00004", "C00001", "C00003", "C00002"]
    only = api.get(f"/api/analyses/{analysis_id}/customers?class=重要价值客户", token=token).data
    assert [c["customer_code"] for c in only["items"]] == ["C00001"]
    found = api.get(f"/api/analyses/{analysis_id}/customers?q=客户3", token=token).data
    assert [c["customer_code"] for c in found["items"]] == ["C00003"]
    assert api.get(f"/api/analyses/{analysis_id}/customers?class=VIP", token=token).status_code == 400


def test_the_explanation_compares_with_the_thresholds_and_says_how_to_move_up(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token)["analysis_id"]
    explained = api.get(f"/api/analyses/{analysis_id}/customers/C00004", token=token).data
    # C00004: one order of 800 yuan 49 days before the end: not recent (mean 36.25), not frequent, valuable
    assert explained["rfm_class"] == "重要挽留客户"
    assert [c["high"] for c in explained["checks"]] == [False, False, True]
    assert "再消费 1 次即升为重要价值客户" in explained["steps"]
    assert "阈值" in explained["checks"][0]["text"]
    absent = api.get(f"/api/analyses/{analysis_id}/customers/C00006", token=token)
    assert absent.status_code == 404 and "没有消费" in absent.data["message"]


@pytest.mark.parametrize("body, message", [
    ({"start": "2026-03-01", "end": "2026-02-01"}, "早于开始日期"),
    ({"start": "2014-01-01", "end": "2026-01-01"}, "10 年"),
    ({**WINDOW, "m_mode": "max"}, "M 口径"),
    ({**WINDOW, "threshold": "p90"}, "阈值方法"),
    ({"end": "2026-01-01"}, "请填写开始日期"),
])
def test_bad_requests_get_clear_errors(api, tenant, body, message):
    _, token = tenant
    answer = api.post("/api/analyses", body, token=token)
    assert answer.status_code == 400 and message in answer.data["message"]


def test_a_tenant_without_orders_or_without_orders_in_the_window_is_told_so(api, aws, tenant):
    _, token = tenant
    empty_window = api.post("/api/analyses", {"start": "2024-01-01", "end": "2024-12-31"}, token=token)
    assert empty_window.status_code == 422 and empty_window.data["code"] == "NO_PURCHASES"
    assert "调整时间范围" in empty_window.data["message"]
    _, other = approved_tenant(api, 2)
    nothing = api.post("/api/analyses", WINDOW, token=other)
    assert nothing.status_code == 422 and "先在「数据导入」导入订单" in nothing.data["message"]


def test_another_tenant_reaches_none_of_an_analysis(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token)["analysis_id"]
    _, other = approved_tenant(api, 2)
    for path in (f"/api/analyses/{analysis_id}", f"/api/analyses/{analysis_id}/customers",
                 f"/api/analyses/{analysis_id}/customers/C00001", f"/api/analyses/{analysis_id}/export"):
        assert api.get(path, token=other).status_code == 404, path
    assert api.post(f"/api/analyses/{analysis_id}/save", token=other).status_code == 404
    assert api.call("DELETE", f"/api/analyses/{analysis_id}", token=other).status_code == 404
    assert api.get(f"/api/comparisons?from={analysis_id}&to={analysis_id}x", token=other).status_code in (400, 404)
    assert api.get("/api/analyses", token=other).data["total"] == 0
    assert api.get(f"/api/analyses/{analysis_id}", token=token).status_code == 200


def test_the_report_workbook_has_every_sheet_with_the_numbers(api, aws, tenant):
    _, token = tenant
    saved(api, aws, token, start="2025-12-01", end="2026-02-28")
    analysis_id = saved(api, aws, token)["analysis_id"]
    answer = api.client.http.get(f"/api/analyses/{analysis_id}/export",
                                 headers={"Authorization": f"Bearer {token}", "Accept": "*/*"})
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.body))
    assert book.sheetnames == ["摘要", "参数与阈值", "类别分布", "RFM网格", "客户明细", "变动客户"]
    summary = dict(book["摘要"].iter_rows(min_row=2, values_only=True))
    saved_at = api.get(f"/api/analyses/{analysis_id}", token=token).data["saved_at"]
    china = datetime.fromisoformat(saved_at).astimezone(timezone(timedelta(hours=8)))
    assert "保存时间（UTC）" not in summary and summary["保存时间（北京时间）"] == f"{china:%Y-%m-%d %H:%M}"
    customers = list(book["客户明细"].iter_rows(min_row=2, values_only=True))
    assert len(customers) == 4 and ("C00001", "客户1", 1, 3, 500.0) == customers[0][:5] or \
        any(row[:5] == ("C00001", "客户1", 1, 3, 500) for row in customers)
    distribution = {row[0]: row[1] for row in book["类别分布"].iter_rows(min_row=2, values_only=True)}
    assert distribution["窗口内无购买"] == 2 and sum(v for k, v in distribution.items() if k != "窗口内无购买") == 4
    assert sum(row[2] for row in book["RFM网格"].iter_rows(min_row=2, values_only=True)) == 4
    moved = list(book["变动客户"].iter_rows(min_row=2, values_only=True))
    assert moved and all(row[2] != row[3] for row in moved)


def test_deleting_the_only_analysis_removes_it_and_its_classes(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token)["analysis_id"]
    assert api.call("DELETE", f"/api/analyses/{analysis_id}", token=token).data == {"analysis_id": analysis_id,
                                                                                     "deleted": True}
    assert api.get(f"/api/analyses/{analysis_id}", token=token).status_code == 404
    assert api.get("/api/analyses", token=token).data["total"] == 0
    deliver_analyses(aws)
    assert set(classes_of(api, token).values()) == {None}  # 未分析: no analysis is left to take them from
    assert api.get("/api/customers", token=token).data["analysis_id"] is None


def test_a_new_analysis_writes_exactly_the_customers_whose_class_changed(api, aws, tenant):
    from chalicelib import config
    from chalicelib.adapters.models import CustomerModel

    _, token = tenant
    saved(api, aws, token)
    before = classes_of(api, token)
    written = []

    def count(params, **_):  # botocore's own view of each request, independent of our counting
        for table, requests in params.get("RequestItems", {}).items():
            if table == config.table_name("customers"):
                written.extend(request["PutRequest"]["Item"]["customer_code"]["S"] for request in requests)

    events = CustomerModel._get_connection().connection.client.meta.events
    events.register("before-parameter-build.dynamodb.BatchWriteItem", count)
    try:
        # When an analysis with other thresholds (and so other classes for some customers) is saved
        after = saved(api, aws, token, threshold="quintile")
    finally:
        events.unregister("before-parameter-build.dynamodb.BatchWriteItem", count)
    # Then exactly the customers whose class differs were written, once each
    now = classes_of(api, token)
    changed = sorted(code for code in now if now[code] != before[code])
    assert changed and sorted(written) == changed
    assert after["class_update"]["changed"] == len(changed)


def test_parked_orders_of_unknown_customers_count_only_once_the_customer_is_imported(api, aws, tenant):
    from tests.integration.import_helpers import CUSTOMER_HEADER, ORDER_HEADER, csv_file, run_import

    _, token = tenant
    run_import(api, aws, token, "orders", csv_file(ORDER_HEADER, "SO90,C00099,2026-03-15 10:00,900.00"))
    assert preview(api, token)["customers_analysed"] == 4  # C00099 is not a customer yet: its order is parked
    run_import(api, aws, token, "customers", csv_file(CUSTOMER_HEADER, "C00099,新客户,13812340099,女,,,,,是"))
    attached = preview(api, token)
    assert (attached["customers_analysed"], attached["customers_total"]) == (5, 7)
