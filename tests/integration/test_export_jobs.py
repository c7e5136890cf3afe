"""Large exports as jobs (issue 14): beyond EXPORT_JOB_ROWS customers an export answers 202 with a job, the data-job
worker builds the file, and GET /api/exports/{id} answers progress and then a 15-minute link — to its requester only."""
import io

import openpyxl
import pytest

from chalicelib.adapters import audit_log
from tests.integration.analysis_helpers import saved, stock_tenant
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import download
from tests.integration.tenant_data_helpers import deliver_jobs
from tests.integration.test_segments import sub_account

REPEAT_BUYERS = {"all": [{"field": "order_count", "op": "gte", "value": 2}]}  # C00001 and C00003


@pytest.fixture
def tenant(api, aws, monkeypatch):
    """Six customers, and a threshold of three: every export of this tenant runs as a job."""
    monkeypatch.setenv("EXPORT_JOB_ROWS", "3")
    tenant_id, token = approved_tenant(api, 1)
    stock_tenant(api, aws, token)
    return tenant_id, token


def finished(api, aws, token: str, started) -> dict:
    """Check the queued answer, run the worker, and answer the job as its requester sees it afterwards."""
    assert started.status_code == 202, started.data
    job = started.data
    assert (job["status"], job["progress"], job["url"]) == ("queued", 0, None)
    waiting = api.get(f"/api/exports/{job['job_id']}", token=token).data
    assert (waiting["status"], waiting["status_label"], waiting["url"]) == ("queued", "排队中", None)
    assert deliver_jobs(aws) >= 1
    return api.get(f"/api/exports/{job['job_id']}", token=token).data


def sheet_rows(url: str, sheet: str | None = None) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(download(url)))
    return list((book[sheet] if sheet else book.active).values)


def test_a_large_call_list_is_a_job_whose_link_holds_the_list_and_is_audited(api, aws, tenant):
    tenant_id, token = tenant
    segment_id = api.post("/api/segments", {"name": "复购客户", "rules": REPEAT_BUYERS}, token=token).data["segment_id"]
    job = finished(api, aws, token, api.post(f"/api/segments/{segment_id}/export", token=token))
    assert (job["status"], job["status_label"], job["progress"]) == ("done", "已完成", 100)
    assert job["filename"] == "外呼名单-复购客户.xlsx" and job["count"] == 2 and job["url"]
    rows = sheet_rows(job["url"])
    assert rows[0][:3] == ("客户编码", "姓名", "手机号") and [row[0] for row in rows[1:]] == ["C00001", "C00003"]
    entry = next(e for e in audit_log.entries(f"tenant#{tenant_id}") if e["action"] == "导出外呼名单")
    assert "2 位客户" in entry["detail"]
    # Unsaved rules go the same way
    unsaved = finished(api, aws, token, api.post("/api/segments/export", {"rules": {"all": []}}, token=token))
    assert unsaved["count"] == 6 and len(sheet_rows(unsaved["url"])) == 7


def test_the_customer_list_analysis_and_comparison_exports_run_as_jobs_too(api, aws, tenant):
    _, token = tenant
    customers = finished(api, aws, token, api.post("/api/customers/export", {"q": "C0000"}, token=token))
    assert (customers["status"], customers["filename"], customers["count"]) == ("done", "客户列表.xlsx", 6)
    assert len(sheet_rows(customers["url"])) == 7
    before = saved(api, aws, token, start="2025-12-01", end="2026-02-28")["analysis_id"]
    after = saved(api, aws, token)["analysis_id"]
    report = finished(api, aws, token, api.get(f"/api/analyses/{after}/export", token=token))
    assert report["status"] == "done" and report["filename"] == "RFM分析_2026-01-01_2026-03-31.xlsx"
    assert len(sheet_rows(report["url"], "客户明细")) > 1
    moves = finished(api, aws, token, api.get(f"/api/comparisons/export?from={before}&to={after}", token=token))
    assert moves["status"] == "done" and sheet_rows(moves["url"], "迁移矩阵")[0][0] == "上次 \\ 本次"


def test_small_exports_still_answer_at_once(api, aws, tenant, monkeypatch):
    _, token = tenant
    monkeypatch.setenv("EXPORT_JOB_ROWS", "6")  # six customers: not more than the threshold
    answer = api.post("/api/segments/export", {"rules": {"all": []}}, token=token)
    assert answer.status_code == 200 and answer.data["count"] == 6 and answer.data["url"]
    assert "job_id" not in answer.data


def test_a_wrong_request_is_refused_at_once_not_queued(api, aws, tenant):
    _, token = tenant
    wrong = api.post("/api/segments/export", {"rules": {"all": [{"field": "nope", "op": "eq", "value": 1}]}},
                     token=token)
    assert wrong.status_code == 400
    assert api.get("/api/analyses/nope/export", token=token).status_code == 404
    assert api.get("/api/comparisons/export?from=a&to=a", token=token).status_code == 400
    assert api.post("/api/segments/nope/export", token=token).status_code == 404
    assert deliver_jobs(aws) == 0


def test_a_job_that_cannot_be_built_says_why(api, aws, tenant):
    _, token = tenant
    analysis_id = saved(api, aws, token)["analysis_id"]
    started = api.get(f"/api/analyses/{analysis_id}/export", token=token)
    assert api.call("DELETE", f"/api/analyses/{analysis_id}", None, token=token).status_code == 200
    job = finished(api, aws, token, started)
    assert (job["status"], job["status_label"], job["url"]) == ("failed", "失败", None)
    assert job["error"] == "这次分析不存在或已被删除"


def test_a_job_is_its_requesters_only(api, aws, tenant):
    _, token = tenant
    job_id = api.post("/api/segments/export", {"rules": {"all": []}}, token=token).data["job_id"]
    # Another tenant, another account of the same tenant and a made-up id: 404
    _, other = approved_tenant(api, 2)
    assert api.post("/api/stores", {"name": "南山店"}, token=token).status_code == 201
    colleague = sub_account(api, token, "nanshan1", "store_manager", "13700000001", store="南山店")
    for caller, path in ((other, job_id), (colleague, job_id), (token, "20260101000000abcd"), (token, "open#export")):
        answer = api.get(f"/api/exports/{path}", token=caller)
        assert answer.status_code == 404 and answer.data["code"] == "EXPORT_JOB_NOT_FOUND", path
    # A read-only account may not export, so it may not poll either
    reader = sub_account(api, token, "viewer1", "tenant_readonly", "13700000002")
    assert api.get(f"/api/exports/{job_id}", token=reader).status_code == 403


def test_the_admin_data_page_does_not_list_file_exports(api, aws, tenant):
    from tests.integration.helpers import admin_token
    tenant_id, token = tenant
    api.post("/api/segments/export", {"rules": {"all": []}}, token=token)
    deliver_jobs(aws)
    assert api.get(f"/api/admin/tenants/{tenant_id}/data", token=admin_token(api)).data["jobs"] == []


def test_a_job_whose_worker_died_is_shown_failed_instead_of_waiting_forever(api, aws, tenant):
    from datetime import datetime, timedelta, timezone

    from chalicelib.adapters.platform_models import DataJobModel
    tenant_id, token = tenant
    job_id = api.post("/api/segments/export", {"rules": {"all": []}}, token=token).data["job_id"]
    quiet = (datetime.now(timezone.utc) - timedelta(minutes=31)).isoformat(timespec="seconds")
    DataJobModel.get(tenant_id, job_id).update(actions=[DataJobModel.updated_at.set(quiet),
                                                        DataJobModel.status.set("running")])
    job = api.get(f"/api/exports/{job_id}", token=token).data
    assert (job["status"], job["error"], job["url"]) == ("failed", "导出超时，请重新导出", None)
