"""Plan rules without storage: the lifecycle, who sees what, the order of suggestions, the request limits."""
import pytest

from chalicelib.domain.plans import status, visibility
from chalicelib.domain.plans.schemas import AttachmentUploadRequest, PlanRequest
from chalicelib.domain.schemas import parse
from chalicelib.errors import Conflict, ValidationFailed


def plan(**fields) -> dict:
    base = {"plan_id": "p", "status": "approved", "shared": True, "industry": "医药", "event": "会员日",
            "target_classes": ["重要价值客户"], "uses": 0, "name": "方案", "author_tenant_id": None}
    return {**base, **fields}


@pytest.mark.parametrize("current,action,after", [
    ("pending", "approve", "approved"), ("pending", "reject", "rejected"), ("rejected", "resubmit", "pending"),
    ("withdrawn", "resubmit", "pending"), ("approved", "withdraw", "withdrawn"), ("pending", "withdraw", "withdrawn"),
    ("approved", "take_down", "withdrawn"), ("withdrawn", "restore", "approved"),
])
def test_each_allowed_move_leads_where_the_lifecycle_says(current, action, after):
    assert status.next_status(current, action) == after


@pytest.mark.parametrize("current,action", [
    ("approved", "approve"), ("rejected", "approve"), ("approved", "reject"), ("approved", "resubmit"),
    ("rejected", "withdraw"), ("pending", "take_down"), ("approved", "restore"),
])
def test_a_move_from_the_wrong_status_is_a_conflict_in_chinese(current, action):
    with pytest.raises(Conflict, match="方案当前状态为"):
        status.next_status(current, action)


def test_a_tenant_sees_approved_shared_plans_of_its_industry_or_of_every_industry():
    assert visibility.visible_to(plan(), "t1", "医药")
    assert visibility.visible_to(plan(industry="全部行业"), "t1", "餐饮")
    assert not visibility.visible_to(plan(), "t1", "餐饮")
    assert not visibility.visible_to(plan(shared=False), "t1", "医药")
    for state in ("pending", "rejected", "withdrawn"):
        assert not visibility.visible_to(plan(status=state), "t1", "医药")


def test_a_tenant_sees_its_own_plans_in_every_state_and_industry():
    for state in status.STATUSES:
        assert visibility.visible_to(plan(status=state, shared=False, industry="餐饮", author_tenant_id="t1"), "t1", "医药")
    assert not visibility.visible_to(plan(status="pending", author_tenant_id="t2"), "t1", "医药")


def test_suggestions_put_the_coming_event_first_then_the_own_industry_then_the_most_used():
    plans = [plan(name="a", event="双11", uses=50), plan(name="b", event="会员日", industry="全部行业", uses=9),
             plan(name="c", event="会员日", uses=1), plan(name="d", event="会员日", uses=3)]
    ordered = visibility.suggestion_order(plans, "医药", {"会员日": 8})
    assert [p["name"] for p in ordered] == ["d", "c", "b", "a"]
    assert [p["name"] for p in visibility.for_class(ordered, "重要价值客户", 2)] == ["d", "c"]
    assert visibility.for_event(ordered, "春节") is None


def form(**overrides) -> dict:
    return {"name": "会员日方案", "industry": "医药", "event": "会员日", "target_classes": ["一般挽留客户", "重要价值客户"],
            "summary": "一句话", "sms_text": "您好", **overrides}


def test_a_plan_request_keeps_classes_in_class_order_and_prices_in_fen():
    request = parse(PlanRequest, form(price_yuan="19.9", description="第一段\r\n第二段"))
    assert request.target_classes == ["重要价值客户", "一般挽留客户"]
    assert request.price_fen == 1990 and request.description == "第一段\n第二段"


@pytest.mark.parametrize("overrides,field", [
    ({"name": "会"}, "name"), ({"target_classes": []}, "target_classes"), ({"target_classes": "重要价值客户"},
                                                                              "target_classes"),
    ({"price_yuan": "1.001"}, "price_yuan"), ({"price_yuan": "abc"}, "price_yuan"), ({"price_yuan": "100000"},
                                                                                       "price_yuan"),
    ({"summary": "两\n行"}, "summary"), ({"sms_text": "字" * 501}, "sms_text"),
])
def test_a_bad_plan_request_names_its_field(overrides, field):
    with pytest.raises(ValidationFailed) as refused:
        parse(PlanRequest, form(**overrides))
    assert field in [d["field"] for d in refused.value.details]


@pytest.mark.parametrize("filename", ["方案.doc", "方案.docm", "方案.pdf", "方案"])
def test_only_a_docx_file_name_gets_an_upload(filename):
    with pytest.raises(ValidationFailed) as refused:
        parse(AttachmentUploadRequest, {"filename": filename, "size": 100})
    assert ".docx" in refused.value.details[0]["message"]
