"""系统数据管理: what a tenant stores, its full export (a zip of sheets) and its deletion after cooling-off,
which leaves nothing of it in any table or bucket but the audit log's certificate."""
import csv
import io
import json
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.adapters import notification_store, tenant_store
from chalicelib.adapters.models import AuditModel
from chalicelib.adapters.platform_models import NotificationModel
from chalicelib.errors import Conflict, NotFound
from chalicelib.events.data_jobs import run_due_deletions
from chalicelib.services.tenant_data import deletion, jobs
from tests.integration.helpers import ADMIN_PASSWORD, admin_token, approved_tenant, registration
from tests.integration.import_helpers import download, run_import
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)
from tests.integration.tenant_data_helpers import deliver_jobs, items_mentioning, keys_mentioning, rich_tenant
from tests.integration.test_access_control import staff_token


def _sheets(content: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name.split("-", 1)[1].removesuffix(".csv"):
                list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
                for name in archive.namelist()}


def _delete(api, admin, tenant_id, seed):
    return api.post(f"/api/admin/tenants/{tenant_id}/deletion",
                    {"company_name": registration(seed)["company_name"], "password": ADMIN_PASSWORD}, token=admin)


def test_the_data_page_shows_what_a_tenant_stores_and_used_this_month(api, aws):
    tenant_id, _, _ = rich_tenant(api, aws, 1)
    admin = admin_token(api)
    data = api.get(f"/api/admin/tenants/{tenant_id}/data", token=admin).data
    stored = data["stored"]
    assert (stored["customers"], stored["orders"], stored["analyses"] >= 1, stored["segments"]) == (6, 8, True, 1)
    assert stored["campaigns"] == 1 and stored["sms_messages"] == 1 and stored["opt_outs"] >= 1
    assert stored["files"] > 0 and stored["bytes"] > 0
    assert {p["prefix"].split("/")[0] for p in stored["by_prefix"]} >= {"customers", "orders", "imports"}
    assert data["usage"]["imports"] == 2 and data["usage"]["analyses"] >= 1
    listed = api.get("/api/admin/data?q=测试大药房1号", token=admin).data
    assert listed["total"] == 1 and listed["items"][0]["customers"] == 6 and listed["items"][0]["orders"] == 8


def test_an_export_is_a_zip_with_one_sheet_per_kind_of_data_and_no_password_hashes(api, aws):
    tenant_id, _, usernames = rich_tenant(api, aws, 1)
    tenant_store.set_fields(tenant_store.get(tenant_id), call_notes="=HYPERLINK(\"http://evil\")")
    admin = admin_token(api)
    started = api.post(f"/api/admin/tenants/{tenant_id}/export", token=admin)
    assert started.status_code == 202 and started.data["job"]["status"] == "queued"
    deliver_jobs(aws)
    job = api.get(f"/api/admin/tenants/{tenant_id}/jobs/{started.data['job']['job_id']}", token=admin).data["job"]
    assert (job["status"], job["progress"], job["status_label"]) == ("done", 100, "已完成") and job["url"]
    sheets = _sheets(download(job["url"]))
    assert {"企业资料", "账号", "客户", "订单", "分析", "人群", "营销活动", "短信记录", "退订台账", "交费记录"} <= set(sheets)
    assert sheets["企业资料"][0]["company_name"] == "测试大药房1号店"
    assert sheets["企业资料"][0]["call_notes"] == "'=HYPERLINK(\"http://evil\")"  # never run as a formula
    assert json.loads(sheets["企业资料"][0]["region"])["province"]  # a map as JSON, not a Python printout
    assert sorted(row["username"] for row in sheets["账号"]) == sorted(usernames)
    assert all("password_hash" not in row and "token_version" not in row for row in sheets["账号"])
    assert len(sheets["客户"]) == 6 and len(sheets["订单"]) == 8 and len(sheets["交费记录"]) == 1
    assert sheets["短信记录"][0]["mobile"] == "13812340001"
    assert set(sheets["订单"][0]) == {"订单编号", "客户编码", "下单时间", "订单金额", "门店"}  # the order template's
    assert len({row["订单编号"] for row in sheets["订单"]}) == 8 and all(row["订单编号"] for row in sheets["订单"])
    assert "导出企业全部数据" in [e.action for e in AuditModel.query(f"tenant#{tenant_id}")]


def exported_sheet(api, aws, seed: int, sheet: str) -> tuple[str, bytes]:
    """(token, one CSV of the zip) of a rich tenant's full export."""
    tenant_id, token, _ = rich_tenant(api, aws, seed)
    admin = admin_token(api)
    started = api.post(f"/api/admin/tenants/{tenant_id}/export", token=admin).data["job"]
    deliver_jobs(aws)
    job = api.get(f"/api/admin/tenants/{tenant_id}/jobs/{started['job_id']}", token=admin).data["job"]
    with zipfile.ZipFile(io.BytesIO(download(job["url"]))) as archive:
        [content] = [archive.read(name) for name in archive.namelist() if name.endswith(f"-{sheet}.csv")]
    return token, content


def test_the_exported_orders_import_again_as_the_same_orders(api, aws):
    token, orders = exported_sheet(api, aws, 2, "订单")
    again = run_import(api, aws, token, "orders", orders, "订单.csv")
    assert again["status"] == "completed" and again["counts"]["new"] == 0, again
    assert again["counts"]["skipped"] == 8


def test_the_exported_customers_import_again_unchanged(api, aws):
    token, sheet = exported_sheet(api, aws, 3, "客户")
    again = run_import(api, aws, token, "customers", sheet, "客户.csv")
    assert again["status"] == "completed", again
    assert (again["counts"]["new"], again["counts"]["updated"], again["counts"]["unchanged"]) == (0, 0, 6), again


def test_only_one_export_runs_per_tenant_at_a_time(api, aws, atomic_dynamodb):
    tenant_id, _ = approved_tenant(api, 1)
    answers = all_at_once(*[lambda: jobs.request_export(tenant_id, "admin") for _ in range(4)])
    assert sum(isinstance(a, dict) for a in answers) == 1
    assert all(isinstance(a, Conflict) for a in answers if not isinstance(a, dict))
    deliver_jobs(aws)
    assert jobs.request_export(tenant_id, "admin")["status"] == "queued"  # free again once it finished


def test_only_one_deletion_request_is_open_per_tenant(api, aws, atomic_dynamodb):
    tenant_id, _ = approved_tenant(api, 1)
    admin_token(api)
    name = registration(1)["company_name"]
    answers = all_at_once(*[lambda: deletion.request(tenant_id, name, ADMIN_PASSWORD, "admin") for _ in range(4)])
    assert sum(isinstance(a, dict) for a in answers) == 1


def test_a_deletion_waits_7_days_can_be_cancelled_and_checks_name_and_password(api, aws):
    tenant_id, _ = approved_tenant(api, 1)
    admin = admin_token(api)
    path = f"/api/admin/tenants/{tenant_id}/deletion"
    wrong = api.post(path, {"company_name": "测试大药房", "password": "Wrong1234"}, token=admin)
    assert wrong.status_code == 400 and {d["field"] for d in wrong.data["details"]} == {"company_name", "password"}
    asked = _delete(api, admin, tenant_id, 1)
    assert asked.status_code == 202 and asked.data["deletion"]["status"] == "cooling"
    due = datetime.fromisoformat(asked.data["deletion"]["due_at"])
    assert timedelta(days=6, hours=23) < due - datetime.now(timezone.utc) <= timedelta(days=7)
    assert _delete(api, admin, tenant_id, 1).status_code == 409
    run_due_deletions(due - timedelta(minutes=1))
    assert deliver_jobs(aws) == 0 and api.get(f"/api/admin/tenants/{tenant_id}", token=admin).status_code == 200
    cancelled = api.post(f"{path}/cancel", token=admin)
    assert cancelled.status_code == 200 and cancelled.data["deletion"]["status_label"] == "已撤销"
    assert api.get(f"/api/admin/tenants/{tenant_id}/data", token=admin).data["deletion"] is None
    run_due_deletions(due + timedelta(days=1))
    assert deliver_jobs(aws) == 0 and api.get(f"/api/admin/tenants/{tenant_id}", token=admin).status_code == 200
    assert api.post(f"{path}/cancel", token=admin).status_code == 404


def test_parallel_cancels_of_a_deletion_cancel_it_once_and_no_one_is_told_it_has_started(api, aws, atomic_dynamodb):
    tenant_id, _ = approved_tenant(api, 1)
    admin = admin_token(api)
    assert _delete(api, admin, tenant_id, 1).status_code == 202
    answers = all_at_once(*[lambda: deletion.cancel(tenant_id, "admin") for _ in range(4)])
    assert sum(isinstance(a, dict) for a in answers) == 1
    assert all(isinstance(a, NotFound) for a in answers if not isinstance(a, dict)), answers


def test_wrong_passwords_on_a_deletion_request_count_towards_the_sign_in_lock(api, aws):
    tenant_id, _ = approved_tenant(api, 1)
    admin = admin_token(api)
    path, name = f"/api/admin/tenants/{tenant_id}/deletion", registration(1)["company_name"]
    for left in (4, 3, 2, 1):
        wrong = api.post(path, {"company_name": name, "password": "Wrong1234"}, token=admin)
        assert wrong.status_code == 400 and f"再错 {left} 次" in wrong.data["details"][0]["message"]
    assert api.post(path, {"company_name": name, "password": "Wrong1234"}, token=admin).status_code == 423
    assert _delete(api, admin, tenant_id, 1).status_code == 423  # locked: the right password waits too
    assert api.post("/api/auth/login", {"username": "admin", "password": ADMIN_PASSWORD}).status_code == 423


def test_customer_service_sees_but_cannot_export_or_delete_and_a_plan_reviewer_sees_nothing(api, aws):
    tenant_id, _ = approved_tenant(api, 1)
    admin = admin_token(api)
    service, reviewer = staff_token(api, admin, "customer_service", 1), staff_token(api, admin, "plan_reviewer", 2)
    assert api.get(f"/api/admin/tenants/{tenant_id}/data", token=service).status_code == 200
    assert api.get("/api/admin/data", token=service).status_code == 200
    for path in ("export", "deletion", "deletion/cancel"):
        assert api.post(f"/api/admin/tenants/{tenant_id}/{path}", {}, token=service).status_code == 403
    for method, path in (("GET", "data"), ("POST", "export"), ("POST", "deletion"), ("POST", "deletion/cancel")):
        assert api.call(method, f"/api/admin/tenants/{tenant_id}/{path}", {}, token=reviewer).status_code == 403
    assert api.get("/api/admin/data", token=reviewer).status_code == 403


def test_a_deletion_leaves_nothing_of_the_tenant_but_the_certificate_and_keeps_the_other_tenant(api, aws):
    tenant_id, _, usernames = rich_tenant(api, aws, 1)
    other_id, _, other_names = rich_tenant(api, aws, 2)
    admin = admin_token(api)
    assert api.post(f"/api/admin/tenants/{tenant_id}/export", token=admin).status_code == 202
    deliver_jobs(aws)
    before = items_mentioning([tenant_id])
    assert len(before) >= 20, sorted(before)  # data in (nearly) every table
    other_before = items_mentioning([other_id], skip=("audit",))
    other_keys = keys_mentioning([other_id])
    asked = _delete(api, admin, tenant_id, 1).data["deletion"]
    run_due_deletions(datetime.fromisoformat(asked["due_at"]) + timedelta(minutes=1))
    assert deliver_jobs(aws) == 1
    assert items_mentioning([tenant_id, *usernames], skip=("audit",)) == {}
    assert keys_mentioning([tenant_id]) == []
    assert items_mentioning([other_id], skip=("audit",)) == other_before and keys_mentioning([other_id]) == other_keys
    certificate = [e for e in AuditModel.query(f"tenant#{tenant_id}") if e.action == "删除企业数据"]
    assert len(certificate) == 1 and "数据删除证明" in certificate[0].detail and "admin" == certificate[0].actor
    assert "；客户 " in certificate[0].detail and "；customers " not in certificate[0].detail  # tables in Chinese
    assert api.get(f"/api/admin/tenants/{tenant_id}/data", token=admin).status_code == 404
    unread = [m for m in NotificationModel.query("user#admin") if m.key.startswith("msg#") and not m.read_at]
    assert notification_store.unread_count("admin") == len(unread)  # the bell lost the deleted tenant's messages
    assert run_due_deletions(datetime.now(timezone.utc) + timedelta(days=30)) is None and deliver_jobs(aws) == 0


def test_a_deletion_that_crashed_part_way_finishes_on_the_retry_with_one_certificate(api, aws, monkeypatch):
    from chalicelib.services.tenant_data import purge

    tenant_id, _, usernames = rich_tenant(api, aws, 1)
    admin_token(api)
    job = deletion.request(tenant_id, registration(1)["company_name"], ADMIN_PASSWORD, "admin")
    run_due_deletions(datetime.fromisoformat(job["due_at"]) + timedelta(minutes=1))

    def crash(_plan):
        raise RuntimeError("worker died")

    real_steps = purge.LAST_STEPS
    monkeypatch.setattr(purge, "LAST_STEPS", [("账号", crash)])
    with pytest.raises(RuntimeError):
        purge.run_deletion(tenant_id, job["job_id"])
    assert items_mentioning([tenant_id], skip=("audit",))  # half done: the logins and the tenant are still there
    monkeypatch.setattr(purge, "LAST_STEPS", real_steps)
    purge.run_deletion(tenant_id, job["job_id"])
    assert items_mentioning([tenant_id, *usernames], skip=("audit",)) == {} and keys_mentioning([tenant_id]) == []
    certificates = [e for e in AuditModel.query(f"tenant#{tenant_id}") if e.action == "删除企业数据"]
    assert len(certificates) == 1 and "客户 6 项" in certificates[0].detail
