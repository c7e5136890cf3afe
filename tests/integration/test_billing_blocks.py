"""已停用 blocks imports, analyses and sending at every entry point; reading and logging in stay allowed."""
from datetime import datetime, timezone

import pytest

from chalicelib.adapters import campaign_store
from chalicelib.domain.campaigns.status import SCHEDULED
from chalicelib.services.analyses import monthly
from chalicelib.services.campaigns import birthday, clock, control
from tests.integration.analysis_helpers import WINDOW
from tests.integration.billing_helpers import day, payment, stop
from tests.integration.campaign_helpers import IN_WINDOW, draft, ready_tenant
from tests.integration.helpers import admin_token, approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, customer_rows, deliver, job, put_upload, start

STOPPED_TEXT = f"贵企业的服务已停用（服务已于 {day(-30)} 到期）"


@pytest.fixture
def stopped(api):
    """(tenant_id, 企业管理员 token, admin token) of a tenant whose trial ended 30 days ago."""
    tenant_id, token = approved_tenant(api, 51)
    admin = admin_token(api)
    stop(api, admin, tenant_id)
    return tenant_id, token, admin


def refused(answer, action: str) -> None:
    assert answer.status_code == 403, answer.data
    assert answer.data["code"] == "SUBSCRIPTION_STOPPED"
    assert answer.data["message"] == f"{STOPPED_TEXT}，暂不能{action}。数据仍保留，请联系平台 400-800-1234 续费后恢复"


def test_imports_are_refused_and_reading_still_works(api, aws):
    tenant_id, token = approved_tenant(api, 51)
    admin = admin_token(api)
    started = start(api, token, "customers", "c.csv")  # asked for while still active
    key = api.post("/api/api-keys", {"name": "ERP"}, token=token).data["key"]
    stop(api, admin, tenant_id)
    refused(api.post("/api/imports", {"kind": "customers", "filename": "c.csv"}, token=token), "导入数据")
    put_upload(started, csv_file(CUSTOMER_HEADER, *customer_rows(3)))
    deliver(aws)  # the S3 trigger: the file is refused with the reason
    finished = job(api, token, started["import_id"])
    assert finished["status"] == "rejected" and STOPPED_TEXT in finished["message"], finished
    bulk = api.client.http.post("/api/bulk/customers", headers={"Content-Type": "application/json", "X-Api-Key": key},
                                body='{"rows": [{"客户编码": "C1", "客户名称": "甲", "手机号": "13812340001"}]}')
    assert bulk.status_code == 403 and b"SUBSCRIPTION_STOPPED" in bulk.body
    for path in ("/api/me", "/api/imports", "/api/customers", "/api/analyses", "/api/campaigns", "/api/me/billing"):
        assert api.get(path, token=token).status_code == 200, path
    api.post(f"/api/admin/tenants/{tenant_id}/payments", payment(start=-1), token=admin)
    assert api.post("/api/imports", {"kind": "customers", "filename": "c.csv"}, token=token).status_code == 201


def test_analyses_are_refused_and_the_monthly_run_skips(api, aws, stopped):
    tenant_id, token, _ = stopped
    active_id, _ = approved_tenant(api, 52)
    refused(api.post("/api/analyses", WINDOW, token=token), "进行客户分析")
    refused(api.post("/api/analyses/some-preview/save", token=token), "保存客户分析")
    assert monthly.fan_out() == 1  # only the active tenant is queued
    assert monthly.run(tenant_id, datetime.now(timezone.utc).date()) == "stopped"


def test_sending_is_refused_and_the_clock_and_birthdays_skip(api, aws, stopped, monkeypatch):
    tenant_id, token, _ = stopped
    ready_tenant(20, tenant_id)
    campaign_id = draft(tenant_id)
    refused(api.post(f"/api/campaigns/{campaign_id}/send", token=token), "发送营销活动")
    campaign_store.move(tenant_id, campaign_id, ("draft",), {"status": "paused"})
    refused(api.post(f"/api/campaigns/{campaign_id}/resume", token=token), "继续发送营销活动")
    campaign_store.move(tenant_id, campaign_id, ("paused",), {"status": SCHEDULED, "due": "due",
                                                               "due_at": "2026-01-01T00:00:00+00:00"})
    monkeypatch.setattr(control, "begin_sending", lambda *a: pytest.fail("a stopped tenant's campaign started"))
    assert clock.tick(IN_WINDOW) == [] and clock.tick(IN_WINDOW) == []
    waiting = campaign_store.get(tenant_id, campaign_id)
    assert (waiting["status"], waiting["due_at"]) == (SCHEDULED, "2026-01-01T00:00:00+00:00")  # still due
    assert waiting["status_note"].startswith("企业服务已停用，活动暂未发送") and "续费后将自动开始发送" in waiting["status_note"]

    class Settings:
        @staticmethod
        def birthday_tenants():
            return [{"tenant_id": tenant_id, "birthday_template_id": "tpl1"}]

    assert birthday.run(IN_WINDOW, settings_store=Settings) == []
    assert campaign_store.get(tenant_id, "birthday-2026-11-30") is None
