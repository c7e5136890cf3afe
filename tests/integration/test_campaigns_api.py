"""The campaign routes: draft, read, pre-send check, excluded list, send, pause/resume, messages."""
import io
from datetime import datetime, timedelta, timezone

import numpy as np
from openpyxl import load_workbook

from chalicelib import config
from chalicelib.adapters import campaign_store, template_store
from tests.integration.campaign_helpers import FakeProvider, ready_tenant, receive_all, run_chunks
from tests.integration.helpers import admin_token, approved_tenant

CHINA = timezone(timedelta(hours=8))


def test_a_campaign_goes_from_draft_through_the_check_to_its_messages(api, monkeypatch):
    monkeypatch.setattr(config, "sms_send_window", lambda: (0, 24))  # whatever time the test runs
    tenant_id, token = approved_tenant(api)
    ready_tenant(130, tenant_id, mobile=np.asarray([""] * 5 + [f"139{n:08d}" for n in range(125)]))
    created = api.post("/api/campaigns", {"name": "会员日", "rules": {"all": []}, "template_id": "tpl1",
                                          "holdout_share": 0.1}, token)
    assert created.status_code == 201 and created.data["status"] == "draft"
    campaign_id = created.data["campaign_id"]
    assert api.post("/api/campaigns", {"name": "x", "template_id": "tpl1"}, token).status_code == 400

    check = api.post(f"/api/campaigns/{campaign_id}/preview", token=token).data
    assert check["excluded"]["no_mobile"] == 5 and check["blocking"] == []
    assert check["recipients"] + check["held_out"] == 125 and len(check["samples"]) == 3
    assert check["samples"][0]["text"].startswith("【康宁大药房】") and check["samples"][0]["text"].endswith("拒收请回复R")
    fen = (check["messages"] * 55 + 5) // 10  # ¥0.055 a part, rounded half up to the fen
    assert check["estimated_cost_yuan"] == f"{fen // 100}.{fen % 100:02d}"

    sheet = api.client.http.get(f"/api/campaigns/{campaign_id}/excluded/no_mobile",
                                headers={"Authorization": f"Bearer {token}", "Accept": "*/*"})
    assert sheet.status_code == 200, sheet.body[:300]
    rows = list(load_workbook(io.BytesIO(sheet.body)).active.values)
    assert rows[0] == ("客户编码", "姓名", "手机号", "原因") and len(rows) == 6

    sent = api.post(f"/api/campaigns/{campaign_id}/send", token=token)
    assert sent.status_code == 200 and sent.data["status"] == "sending"
    assert api.post(f"/api/campaigns/{campaign_id}/send", token=token).status_code == 409
    run_chunks(receive_all(), FakeProvider())
    shown = api.get(f"/api/campaigns/{campaign_id}", token).data
    assert shown["status"] == "done" and shown["counts"]["sent"] == check["recipients"] and shown["progress"] == 1.0
    assert shown["status_label"] == "已完成" and shown["template"]["name"] == "会员日"
    messages = api.get(f"/api/campaigns/{campaign_id}/messages?size=5", token).data
    assert messages["total"] == check["recipients"] and messages["items"][0]["status_label"] == "已提交"
    assert messages["items"][0]["name"].startswith("客户")
    listed = api.get("/api/campaigns", token).data
    assert listed["total"] == 1 and listed["items"][0]["rules"] == {"all": []}  # the list names the target


def test_a_campaign_cannot_be_sent_while_its_template_waits_for_review(api, monkeypatch):
    from chalicelib.adapters import template_store

    tenant_id, token = approved_tenant(api)
    ready_tenant(20, tenant_id)
    template_store.create(tenant_id, {"template_id": "tpl2", "name": "待审", "kind": "marketing", "text": "您好",
                                      "status": "pending", "provider": "sns", "provider_code": None, "chars": 2,
                                      "parts": 1, "warnings": [], "created_by": "t", "created_at": "2026-11-01"})
    campaign_id = api.post("/api/campaigns", {"name": "a", "rules": {"all": []}, "template_id": "tpl2"},
                           token).data["campaign_id"]
    refused = api.post(f"/api/campaigns/{campaign_id}/send", token=token)
    assert refused.status_code == 409 and refused.data["details"][0]["code"] == "TEMPLATE_NOT_APPROVED"
    assert api.get(f"/api/campaigns/{campaign_id}", token).data["status"] == "draft"


def test_a_send_time_is_china_time_unless_zoned_never_in_the_past_and_survives_a_pause(api):
    tenant_id, token = approved_tenant(api, 3)
    ready_tenant(20, tenant_id)
    form = {"name": "元旦", "rules": {"all": []}, "template_id": "tpl1"}
    past = api.post("/api/campaigns", {**form, "send_at": "2020-01-01T00:00:00Z"}, token)
    assert past.status_code == 400 and past.data["details"][0]["field"] == "send_at"
    assert "已经过去" in past.data["details"][0]["message"]
    wrong = api.post("/api/campaigns", {**form, "holdout_share": None}, token)
    assert wrong.data["details"][0]["message"] == "对照组比例格式不正确"
    far = api.post("/api/campaigns", {**form, "send_at": "2099-01-01T10:00:00Z"}, token)
    assert far.status_code == 400 and "90 天内" in far.data["details"][0]["message"]
    ahead = datetime.now(CHINA) + timedelta(days=40)
    created = api.post("/api/campaigns", {**form, "send_at": f"{ahead:%Y-%m-%d}T10:00:00"}, token)  # no zone: China
    campaign_id = created.data["campaign_id"]
    assert api.get(f"/api/campaigns/{campaign_id}", token=token).data["send_at"] == f"{ahead:%Y-%m-%d}T02:00:00+00:00"
    assert api.post(f"/api/campaigns/{campaign_id}/send", token=token).data["status"] == "scheduled"
    again = api.post(f"/api/campaigns/{campaign_id}/send", token=token)
    assert again.status_code == 409 and again.data["message"].startswith("活动当前为“待发送”，不能发送")
    api.post(f"/api/campaigns/{campaign_id}/pause", token=token)
    resumed = api.post(f"/api/campaigns/{campaign_id}/resume", token=token).data
    shown = f"{ahead:%Y年%m月%d日}" if ahead.year != datetime.now(CHINA).year else f"{ahead:%m月%d日}"
    assert resumed["status"] == "scheduled" and resumed["status_note"] == f"定时发送：将于 {shown} 10:00 开始发送"


def test_a_draft_is_deleted_and_audited_and_a_sent_campaign_is_kept(api, monkeypatch):
    monkeypatch.setattr(config, "sms_send_window", lambda: (0, 24))
    tenant_id, token = approved_tenant(api, 5)
    ready_tenant(10, tenant_id)
    form = {"name": "草稿", "rules": {"all": []}, "template_id": "tpl1"}
    draft = api.post("/api/campaigns", form, token).data["campaign_id"]
    sent = api.post("/api/campaigns", {**form, "name": "已发"}, token).data["campaign_id"]
    assert api.post(f"/api/campaigns/{sent}/send", token=token).status_code == 200
    shown = api.get(f"/api/campaigns/{sent}", token=token).data
    assert (shown["created_by"], shown["created_by_name"]) == ("pharmacy5", "李经理")  # the person, by name
    gone = api.call("DELETE", f"/api/campaigns/{draft}", token=token)
    assert (gone.status_code, gone.data) == (200, {"campaign_id": draft, "deleted": True})
    assert api.get(f"/api/campaigns/{draft}", token=token).status_code == 404
    assert api.call("DELETE", f"/api/campaigns/{draft}", token=token).status_code == 404
    kept = api.call("DELETE", f"/api/campaigns/{sent}", token=token)
    assert (kept.status_code, kept.data["code"]) == (409, "CAMPAIGN_NOT_DRAFT")
    assert "删除营销活动" in [e["action"] for e in api.get(f"/api/admin/audit?tenant={tenant_id}",
                                                        token=admin_token(api)).data["items"]]


def test_a_segment_a_campaign_still_uses_stays_and_a_notice_template_sends_no_campaign(api):
    tenant_id, token = approved_tenant(api, 7)
    ready_tenant(10, tenant_id)
    segment = api.post("/api/segments", {"name": "全部", "rules": {"all": []}}, token=token).data["segment_id"]
    form = {"name": "人群活动", "segment_id": segment, "template_id": "tpl1"}
    campaign = api.post("/api/campaigns", form, token).data["campaign_id"]
    kept = api.call("DELETE", f"/api/segments/{segment}", token=token)
    assert (kept.status_code, kept.data["code"]) == (409, "SEGMENT_IN_USE") and "人群活动" in kept.data["message"]
    assert api.call("DELETE", f"/api/campaigns/{campaign}", token=token).status_code == 200
    assert api.call("DELETE", f"/api/segments/{segment}", token=token).status_code == 200
    template_store.create(tenant_id, {**template_store.get(tenant_id, "tpl1"), "template_id": "notice1",
                                      "kind": "notice"})
    notice = api.post("/api/campaigns", {"name": "通知群发", "rules": {"all": []}, "template_id": "notice1"}, token)
    assert notice.status_code == 400 and notice.data["details"][0]["field"] == "template_id"


def test_an_edit_that_lands_while_sending_starts_is_what_gets_sent(api, monkeypatch):
    monkeypatch.setattr(config, "sms_send_window", lambda: (0, 24))
    tenant_id, token = approved_tenant(api, 8)
    ready_tenant(20, tenant_id)
    campaign_id = api.post("/api/campaigns", {"name": "竞态", "rules": {"all": []}, "template_id": "tpl1",
                                              "holdout_share": 0.5}, token).data["campaign_id"]
    real_move = campaign_store.move

    def edited_first(tenant, cid, expected, changes):  # the PUT lands between the check and the send's move
        if changes.get("status") == "sending":
            real_move(tenant, cid, ("draft",), {"holdout_share": 0.0})
        return real_move(tenant, cid, expected, changes)

    monkeypatch.setattr(campaign_store, "move", edited_first)
    assert api.post(f"/api/campaigns/{campaign_id}/send", token=token).status_code == 200
    sent = api.get(f"/api/campaigns/{campaign_id}", token=token).data
    assert (sent["holdout_share"], sent["counts"]["held_out"], sent["counts"]["planned"]) == (0.0, 0, 20)


def test_an_unknown_status_filter_is_a_400_not_an_empty_list(api):
    tenant_id, token = approved_tenant(api, 4)
    ready_tenant(5, tenant_id)
    campaign_id = api.post("/api/campaigns", {"name": "a", "rules": {"all": []}, "template_id": "tpl1"}, token).data[
        "campaign_id"]
    assert api.get("/api/campaigns?status=bogus", token=token).status_code == 400
    assert api.get(f"/api/campaigns/{campaign_id}/messages?status=bogus", token=token).status_code == 400
    assert api.get("/api/campaigns?status=draft", token=token).data["total"] == 1
    assert api.get(f"/api/campaigns/{campaign_id}/messages?status=no_receipt", token=token).status_code == 200
