"""Tenant submissions and their review: submit → review → market, reject → resubmit, isolation and roles."""
import pytest

from chalicelib.services.staff import create_staff
from tests.integration.helpers import admin_token, approved_tenant, log_in
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (a fixture)
from tests.integration.plan_helpers import plan_form, simple_docx, upload_attachment


@pytest.fixture
def owner(api):
    return approved_tenant(api, 1)[1]


def staff_token(api, role: str, seed: int) -> str:
    from chalicelib.domain.schemas import StaffRequest

    mobile = f"1370000{seed:04d}"
    create_staff(StaffRequest(username=f"{role}{seed}", display_name="员工", mobile=mobile, role=role,
                              password="Staff12345"), "admin")
    return log_in(api, f"{role}{seed}", "Staff12345", mobile)


def submit(api, token, **overrides) -> str:
    answer = api.post("/api/plans", plan_form(**overrides), token=token)
    assert answer.status_code == 201, answer.data
    assert answer.data["status"] == "pending"
    return answer.data["plan_id"]


def market_ids(api, token) -> set[str]:
    return {p["plan_id"] for p in api.get("/api/plans?size=100", token=token).data["items"]}


def test_a_submitted_plan_with_a_document_is_reviewed_and_reaches_the_market(api, owner):
    key = upload_attachment(api, owner, simple_docx("秋季回访方案"))
    plan_id = submit(api, owner, attachment_key=key)
    _, neighbour = approved_tenant(api, 2)
    # pending: the author sees it in 我的方案, nobody sees it in the market
    assert [p["status"] for p in api.get("/api/plans/mine", token=owner).data["items"]] == ["pending"]
    assert plan_id not in market_ids(api, neighbour)
    assert api.get(f"/api/plans/{plan_id}", token=neighbour).status_code == 404
    reviewer = staff_token(api, "plan_reviewer", 1)
    assert api.get("/api/admin/overview", token=reviewer).data["pending_plans"] == 1
    queue = api.get("/api/admin/plans?status=pending", token=reviewer).data
    assert [p["plan_id"] for p in queue["items"]] == [plan_id] and queue["items"][0]["author_name"].startswith("测试大药房")
    detail = api.get(f"/api/admin/plans/{plan_id}", token=reviewer).data
    assert "秋季回访方案" in detail["attachment_html"] and detail["audit"][0]["action"] == "提交方案"
    assert api.post(f"/api/admin/plans/{plan_id}/approve", token=reviewer).data["plan"]["status"] == "approved"
    assert plan_id in market_ids(api, neighbour)
    card = api.get(f"/api/plans/{plan_id}", token=neighbour).data
    assert card["author_kind"] == "tenant" and "秋季回访方案" in card["attachment_html"]
    audit = api.get(f"/api/admin/plans/{plan_id}", token=reviewer).data["audit"]
    assert [(e["action"], e["actor_name"]) for e in audit] == [("审核通过方案", "员工"), ("提交方案", "李经理")]


def test_a_rejected_plan_shows_the_reason_and_is_resubmitted_after_a_fix(api, owner):
    plan_id = submit(api, owner)
    admin = admin_token(api)
    assert api.post(f"/api/admin/plans/{plan_id}/reject", {"reason": ""}, token=admin).status_code == 400
    api.post(f"/api/admin/plans/{plan_id}/reject", {"reason": "请补充活动预算"}, token=admin)
    mine = api.get("/api/plans/mine", token=owner).data["items"][0]
    assert (mine["status"], mine["reject_reason"]) == ("rejected", "请补充活动预算")
    fixed = api.put(f"/api/plans/{plan_id}", plan_form(description="预算：短信 500 元，礼品 800 元。"), token=owner)
    assert fixed.status_code == 200 and fixed.data["status"] == "pending"
    mine = api.get("/api/plans/mine", token=owner).data["items"][0]
    assert (mine["status"], mine["reject_reason"]) == ("pending", "")
    assert api.post(f"/api/admin/plans/{plan_id}/approve", token=admin).status_code == 200


def test_an_approved_plan_can_be_withdrawn_and_leaves_the_market(api, owner):
    plan_id = submit(api, owner)
    api.post(f"/api/admin/plans/{plan_id}/approve", token=admin_token(api))
    assert api.post(f"/api/plans/{plan_id}/withdraw", token=owner).data["plan"]["status"] == "withdrawn"
    assert plan_id not in market_ids(api, approved_tenant(api, 2)[1])
    assert api.post(f"/api/plans/{plan_id}/withdraw", token=owner).status_code == 409


def test_a_plan_not_shared_stays_with_its_author(api, owner):
    plan_id = submit(api, owner, shared=False)
    api.post(f"/api/admin/plans/{plan_id}/approve", token=admin_token(api))
    assert plan_id in market_ids(api, owner)
    assert plan_id not in market_ids(api, approved_tenant(api, 2)[1])


def test_another_tenant_cannot_edit_withdraw_or_read_a_draft(api, owner):
    plan_id = submit(api, owner)
    _, other = approved_tenant(api, 2)
    assert api.put(f"/api/plans/{plan_id}", plan_form(), token=other).status_code == 404
    assert api.post(f"/api/plans/{plan_id}/withdraw", token=other).status_code == 404
    assert api.post(f"/api/plans/{plan_id}/download", token=other).status_code == 404
    assert api.get("/api/plans/mine", token=other).data["total"] == 0


def test_another_tenants_attachment_key_is_refused(api, owner):
    key = upload_attachment(api, owner, simple_docx())
    _, other = approved_tenant(api, 2)
    answer = api.post("/api/plans", plan_form(attachment_key=key), token=other)
    assert answer.status_code == 400 and answer.data["details"][0]["field"] == "attachment_key"


def test_review_endpoints_refuse_tenants_and_customer_service(api, owner):
    plan_id = submit(api, owner)
    service = staff_token(api, "customer_service", 2)
    for token in (owner, service):
        assert api.get("/api/admin/plans", token=token).status_code == 403
        assert api.post(f"/api/admin/plans/{plan_id}/approve", token=token).status_code == 403
        assert api.post(f"/api/admin/plans/{plan_id}/reject", {"reason": "x"}, token=token).status_code == 403
        assert api.get(f"/api/admin/plans/{plan_id}/usage", token=token).status_code == 403
        assert api.get("/api/admin/dictionaries/events", token=token).status_code == 403


def test_a_plan_reviewer_cannot_manage_staff_or_dictionaries(api):
    reviewer = staff_token(api, "plan_reviewer", 3)
    assert api.get("/api/admin/staff", token=reviewer).status_code == 403
    assert api.put("/api/admin/dictionaries/industries", {"items": ["医药"]}, token=reviewer).status_code == 403


def test_two_parallel_decisions_on_one_plan_leave_one_outcome(api, owner, atomic_dynamodb):
    from chalicelib.services.plans import curation

    plan_id = submit(api, owner)
    answers = all_at_once(lambda: curation.decide(plan_id, "approve", "a"),
                          lambda: curation.decide(plan_id, "reject", "b", "不合适"))
    assert sum(isinstance(answer, dict) for answer in answers) == 1


@pytest.mark.parametrize("field,overrides", [
    ("name", {"name": "x"}), ("event", {"event": "光棍节"}), ("industry", {"industry": "军工"}),
    ("target_classes", {"target_classes": ["路人"]}), ("summary", {"summary": "很" * 81}),
    ("sms_text", {"sms_text": "本店处方药阿莫西林全场八折"}), ("sms_text", {"sms_text": "全市最低价，无效退款"}),
    ("sms_text", {"sms_text": "您的糖尿病药快吃完了"}), ("price_yuan", {"price_yuan": -1}),
    ("description", {"description": "字" * 2001}),
])
def test_each_bad_field_is_named_with_a_chinese_message(api, owner, field, overrides):
    answer = api.post("/api/plans", plan_form(**overrides), token=owner)
    assert answer.status_code == 400
    assert field in [d["field"] for d in answer.data["details"]], answer.data


def test_staff_create_edit_take_down_and_restore_a_platform_plan(api, owner):
    admin = admin_token(api)
    key = upload_attachment(api, admin, simple_docx("平台方案"), admin=True)
    created = api.post("/api/admin/plans", plan_form(name="平台重阳关怀", event="重阳", attachment_key=key), token=admin)
    assert created.status_code == 201 and created.data["plan"]["status"] == "approved"
    plan_id = created.data["plan"]["plan_id"]
    assert plan_id in market_ids(api, owner)
    edited = api.put(f"/api/admin/plans/{plan_id}", plan_form(name="平台重阳敬老关怀", event="重阳", price_yuan=99),
                     token=admin)
    assert edited.data["plan"]["price_yuan"] == 99 and "平台方案" in edited.data["plan"]["attachment_html"]
    api.post(f"/api/admin/plans/{plan_id}/take-down", token=admin)
    assert plan_id not in market_ids(api, owner)
    api.post(f"/api/admin/plans/{plan_id}/restore", token=admin)
    assert plan_id in market_ids(api, owner)


def test_dictionaries_feed_the_pick_lists_and_refuse_bad_entries(api, owner):
    admin = admin_token(api)
    events = api.get("/api/admin/dictionaries/events", token=admin).data["items"]
    saved = api.put("/api/admin/dictionaries/events",
                    {"items": [*events, {"name": "店庆", "rule": "fixed", "month": 9, "day": 18}]}, token=admin)
    assert saved.status_code == 200 and "店庆" in api.get("/api/plans/options", token=owner).data["events"]
    bad = api.put("/api/admin/dictionaries/events", {"items": [{"name": "店庆", "rule": "fixed", "month": 2,
                                                               "day": 31}]}, token=admin)
    assert bad.status_code == 400 and bad.data["details"][0]["field"] == "items[0].day"
    assert api.put("/api/admin/dictionaries/industries", {"items": ["医药", "医药"]}, token=admin).status_code == 400
    assert api.put("/api/admin/dictionaries/industries", {"items": ["医药", "宠物"]}, token=admin).status_code == 200
    assert api.get("/api/plans/options", token=owner).data["industries"] == ["医药", "宠物"]


def test_registration_and_the_profile_offer_the_industries_of_the_dictionary(api):
    from tests.integration.helpers import registration

    admin = admin_token(api)
    api.put("/api/admin/dictionaries/industries", {"items": ["医药", "宠物"]}, token=admin)
    assert api.get("/api/meta").data["industries"] == ["医药", "宠物"]
    refused = api.post("/api/auth/register", registration(7, industry="餐饮"))
    assert refused.status_code == 400 and refused.data["details"][0]["field"] == "industry"
    assert api.post("/api/auth/register", registration(8, industry="宠物")).status_code == 201
