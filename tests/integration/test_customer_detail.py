"""客户详情: profile with the ID number masked, lifetime figures, class timeline, orders, in-place edits."""
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest

from chalicelib.adapters import audit_log
from chalicelib.errors import NotFound
from chalicelib.services import customer_detail
from tests.integration.analysis_helpers import saved, tenant  # noqa: F401  (fixture)
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, run_import

ID_NUMBER = "11010519491231002X"


def test_the_detail_shows_the_profile_with_the_id_number_masked_and_lifetime_figures(api, aws, tenant):
    # Given a customer with an ID number and three orders (2026-03-25, 03-28, 03-30; 500.00 each)
    _, token = tenant
    run_import(api, aws, token, "customers",
               csv_file(CUSTOMER_HEADER, f"C00001,客户1,13812340001,女,1985-06-01,浙江省/杭州市,{ID_NUMBER},会员,是"))

    # When the detail is opened
    answer = api.get("/api/customers/C00001", token=token)

    # Then the ID number shows only its first six and last four characters, and the figures add up
    assert answer.status_code == 200, answer.data
    customer = answer.data["customer"]
    assert customer["id_number_masked"] == "110105********002X" and ID_NUMBER not in str(answer.data)
    assert customer["name"] == "客户1" and customer["mobile"] == "13812340001" and customer["tags"] == ["会员"]
    assert customer["sms_consent"] is True and customer["rfm_class"] == "未分析" and customer["auto_tags"] == []
    assert answer.data["lifetime"] == {"first_order_date": "2026-03-25", "last_order_date": "2026-03-30",
                                       "order_count": 3, "total_spent": 1500.0, "average_spent": 500.0}
    assert answer.data["timeline"] == [] and answer.data["explanation"] is None
    assert answer.data["last_follow_up"] is None
    never_ordered = api.get("/api/customers/C00006", token=token).data["lifetime"]
    assert never_ordered == {"first_order_date": None, "last_order_date": None, "order_count": 0, "total_spent": 0.0,
                             "average_spent": None}


def test_the_timeline_lists_every_saved_analysis_oldest_first_with_the_current_explained(api, aws, tenant):
    # Given two saved analyses: December 2025 (C00001 bought nothing then) and the first quarter of 2026
    _, token = tenant
    december = saved(api, aws, token, start="2025-12-01", end="2025-12-31")
    quarter = saved(api, aws, token)

    detail = api.get("/api/customers/C00001", token=token).data

    steps = detail["timeline"]
    assert [step["analysis_id"] for step in steps] == [december["analysis_id"], quarter["analysis_id"]]
    assert steps[0]["rfm_class"] == "无购买" and steps[0]["r_score"] is None and not steps[0]["current"]
    assert steps[1]["current"] and steps[1]["frequency"] == 3 and steps[1]["monetary"] == 500.0
    assert steps[1]["rfm_class"] == detail["customer"]["rfm_class"] != "未分析"
    assert detail["customer"]["rfm_class"] in detail["customer"]["auto_tags"]
    explanation = detail["explanation"]
    assert explanation["analysis_id"] == quarter["analysis_id"] and explanation["rfm_class"] == steps[1]["rfm_class"]
    assert [check["measure"] for check in explanation["checks"]] == ["R", "F", "M"]


def test_an_unknown_code_another_tenants_customer_and_another_stores_answer_404(api, aws, tenant):
    tenant_id, token = tenant
    _, other_token = approved_tenant(api, 2)

    assert api.get("/api/customers/NOPE", token=token).status_code == 404
    for path in ("/api/customers/C00001", "/api/customers/C00001/orders", "/api/customers/C00001/follow-ups"):
        answer = api.get(path, token=other_token)
        assert answer.status_code == 404 and answer.data["code"] == "CUSTOMER_NOT_FOUND", path
    assert api.put("/api/customers/C00001", {"tags": ["x"]}, token=other_token).status_code == 404
    with pytest.raises(NotFound):  # a 店长 of 南山店 (C00001 belongs to no store)
        customer_detail.detail(tenant_id, "C00001", store="南山店")
    assert customer_detail.detail(tenant_id, "C00001")["customer"]["customer_code"] == "C00001"


def test_the_orders_page_newest_first(api, aws, tenant):
    _, token = tenant

    first = api.get("/api/customers/C00001/orders?size=2", token=token).data
    second = api.get("/api/customers/C00001/orders?size=2&page=2", token=token).data

    assert first["total"] == 3 and [o["order_id"] for o in first["items"]] == ["SO3", "SO2"]
    assert first["items"][0] == {"order_id": "SO3", "amount": 500.0, "store": "", "ordered_at": "2026-03-30 10:00:00"}
    assert [o["order_id"] for o in second["items"]] == ["SO1"]


def test_tags_are_edited_in_place_and_the_customer_list_follows(api, aws, tenant):
    _, token = tenant

    answer = api.put("/api/customers/C00002", {"tags": ["慢病", "高血压"]}, token=token)

    assert answer.status_code == 200, answer.data
    assert api.get("/api/customers/C00002", token=token).data["customer"]["tags"] == ["慢病", "高血压"]
    listed = api.get(f"/api/customers?tag={quote('高血压')}", token=token).data
    assert [c["customer_code"] for c in listed["items"]] == ["C00002"]
    assert api.put("/api/customers/C00002", {"tags": []}, token=token).data["tags"] == []
    assert api.get(f"/api/customers?tag={quote('高血压')}", token=token).data["total"] == 0


def test_a_consent_change_is_recorded_with_who_and_where_and_audited(api, aws, tenant):
    # Given C00003 imported with consent (是)
    tenant_id, token = tenant

    # When the user sets it again (no change: nothing recorded), then withdraws it on the detail page
    api.put("/api/customers/C00003", {"sms_consent": True}, token=token)
    before = api.get("/api/customers/C00003", token=token).data["consent_history"]
    answer = api.put("/api/customers/C00003", {"sms_consent": False}, token=token)

    # Then the customer no longer consents, the history says who changed it from where, and the audit has it
    assert answer.status_code == 200, answer.data
    detail = api.get("/api/customers/C00003", token=token).data
    assert detail["customer"]["sms_consent"] is False
    newest = detail["consent_history"][0]
    assert newest["sms_consent"] is False and newest["source"] == "detail" and newest["by"] == "pharmacy1"
    entries = audit_log.entries(f"tenant#{tenant_id}")
    assert entries[0]["action"] == "修改短信同意" and "C00003" in entries[0]["detail"]
    assert entries[0]["actor"] == "pharmacy1" and len(detail["consent_history"]) == len(before) + 1
    assert len([e for e in entries if e["action"] == "修改短信同意"]) == 1


def test_a_withdrawal_in_the_same_second_as_the_import_that_gave_consent_is_the_newest_evidence(
        api, aws, tenant, monkeypatch):
    # Given a clock that stays in one second (each reading a millisecond later) and C00009 imported consenting
    _, token = tenant
    readings = iter(range(1_000_000))

    class OneSecond(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 1, 6, 24, 8, tzinfo=timezone.utc) + timedelta(milliseconds=next(readings))

    monkeypatch.setattr("chalicelib.clock.datetime", OneSecond)
    run_import(api, aws, token, "customers",
               csv_file(CUSTOMER_HEADER, "C00009,客户9,13812340009,女,1985-06-01,浙江省/杭州市,,会员,是"))

    # When the consent is withdrawn on the detail page within that second
    api.put("/api/customers/C00009", {"sms_consent": False}, token=token)

    # Then the withdrawal is the newest evidence, the import's consent the one before it
    history = api.get("/api/customers/C00009", token=token).data["consent_history"]
    assert [(event["source"], event["sms_consent"]) for event in history] == [("detail", False), ("import", True)]
