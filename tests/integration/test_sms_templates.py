"""短信模板: checked as typed, submitted for the provider's review (审核中 → 已通过/未通过), listed, deleted."""
import pytest

from chalicelib.adapters import template_store
from chalicelib.adapters.sms_models import CampaignModel
from tests.integration.helpers import approved_tenant
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)
from tests.integration.sms_helpers import SIGNATURE, manager, reader, shop, with_signature  # noqa: F401 (fixtures)

GOOD = {"name": "会员日", "kind": "marketing", "text": "{name}您好，本周六会员日，全场最好的保健品九折"}


def _create(api, token, **change):
    return api.post("/api/sms/templates", {**GOOD, **change}, token=token)


def _fire_review_schedule(api) -> None:
    events = api.client.events
    api.client.lambda_.invoke("template_reviews", events.generate_cw_event("Scheduled Event", "aws.events", {}, []))


def test_a_template_before_the_signature_is_set_is_refused_saying_where_to_set_it(api, shop):
    answer = _create(api, shop[1])
    assert (answer.status_code, answer.data["code"], answer.data["message"]) == (
        409, "SIGNATURE_MISSING", "请先在短信设置中填写短信签名")


def test_a_submitted_template_is_pending_with_its_length_and_warnings_and_listed_as_such(api, shop):
    with_signature(api, shop[1])
    answer = _create(api, shop[1])
    assert answer.status_code == 201, answer.data
    # 【康宁大药房】 7 + body with 王先生 23 + 拒收请回复R 6
    assert (answer.data["status"], answer.data["chars"], answer.data["parts"]) == ("pending", 36, 1)
    assert [(w["rule"], w["blocking"]) for w in answer.data["warnings"]] == [("superlative", False)]
    listed = api.get("/api/sms/templates", token=shop[1]).data["items"]
    assert [(t["template_id"], t["status_label"], t["kind_label"], t["chars"], t["created_by"]) for t in listed] == [
        (answer.data["template_id"], "审核中", "营销", 36, "pharmacy1")]
    assert listed[0]["warnings"][0]["excerpt"] == "最好"
    stored = template_store.get(shop[0], answer.data["template_id"])
    assert (stored["provider"], stored["provider_code"].startswith("LOCAL_")) == ("sns", True)


@pytest.mark.parametrize("text, rule", [
    ("{姓名}您好，会员日九折", "unknown_variable"), ("【促销】会员日九折", "bracket"),
    ("会员日九折，详见{link}", "link_in_variable"), ("会员日九折" * 100, "too_long"), ("   ", "empty"),
])
def test_a_template_a_provider_would_refuse_is_not_submitted_and_says_what_to_fix(api, shop, text, rule):
    with_signature(api, shop[1])
    answer = _create(api, shop[1], text=text)
    assert (answer.status_code, answer.data["code"]) == (422, "VALIDATION_FAILED"), answer.data
    assert rule in [d["rule"] for d in answer.data["details"]]
    assert api.get("/api/sms/templates", token=shop[1]).data["items"] == []


def test_the_editor_check_measures_with_the_tenants_signature_and_stores_nothing(api, shop, reader):
    with_signature(api, shop[1])
    answer = api.post("/api/sms/templates/check", {"text": "您的降压药该补充了，{link}", "kind": "notice"}, token=reader)
    assert answer.status_code == 200, answer.data
    assert answer.data["text"] == f"【{SIGNATURE}】您的降压药该补充了，{{link}}"  # a notice has no opt-out suffix
    assert (answer.data["max_chars"], answer.data["too_long"], answer.data["signature_missing"]) == (500, False, False)
    assert [(w["kind"], w["blocking"]) for w in answer.data["warnings"]] == [
        ("link_in_variable", True), ("health_condition", False)]
    assert api.get("/api/sms/templates", token=shop[1]).data["items"] == []


def test_the_review_poll_approves_clean_templates_and_rejects_refused_ones_with_the_reason(api, shop, monkeypatch):
    with_signature(api, shop[1])
    clean = _create(api, shop[1]).data["template_id"]
    refused = _create(api, shop[1], name="抗生素", text="阿莫西林买二送一").data["template_id"]
    _fire_review_schedule(api)
    assert [t["status"] for t in api.get("/api/sms/templates", token=shop[1]).data["items"]] == ["pending"] * 2
    monkeypatch.setenv("SMS_LOCAL_REVIEW_SECONDS", "0")
    _fire_review_schedule(api)
    decided = {t["template_id"]: t for t in api.get("/api/sms/templates", token=shop[1]).data["items"]}
    assert (decided[clean]["status_label"], decided[clean]["reason"]) == ("已通过", None)
    assert decided[refused]["status_label"] == "未通过" and "阿莫西林" in decided[refused]["reason"]
    assert template_store.pending_reviews("sns") == []


def test_a_template_is_decided_once_however_many_polls_race(shop, atomic_dynamodb):  # noqa: F811
    template_store.create(shop[0], {"template_id": "t1", "name": "n", "kind": "marketing", "text": "九折",
                                    "status": "pending", "provider": "sns", "provider_code": "LOCAL_x", "chars": 9,
                                    "parts": 1, "warnings": [], "created_by": "u", "created_at": "2026-11-30T00:00:00Z"})
    results = all_at_once(*[lambda s=s: template_store.decide(shop[0], "t1", s, None)
                            for s in ("approved", "rejected", "approved", "rejected")])
    assert results.count(True) == 1
    assert template_store.get(shop[0], "t1")["status"] == ("approved", "rejected")[results.index(True) % 2]


def test_a_store_manager_writes_templates_and_a_read_only_login_only_reads_them(api, shop, manager, reader):
    with_signature(api, shop[1])
    created = _create(api, manager)
    assert created.status_code == 201, created.data
    path = f"/api/sms/templates/{created.data['template_id']}"
    assert _create(api, reader).status_code == 403
    assert api.call("DELETE", path, token=reader).status_code == 403
    assert api.get(path, token=reader).data["created_by"] == "manager1"
    assert api.get("/api/sms/rules", token=reader).status_code == 200


def test_another_tenants_template_is_not_found_and_never_listed(api, shop):
    with_signature(api, shop[1])
    path = f"/api/sms/templates/{_create(api, shop[1]).data['template_id']}"
    _, other = approved_tenant(api, 2)
    assert api.get(path, token=other).status_code == 404
    assert api.call("DELETE", path, token=other).status_code == 404
    assert api.get("/api/sms/templates", token=other).data["items"] == []
    assert api.get(path, token=shop[1]).status_code == 200


def test_a_template_in_use_by_a_campaign_or_birthday_care_cannot_be_deleted_until_freed(api, shop):
    with_signature(api, shop[1])
    template_id = _create(api, shop[1]).data["template_id"]
    path = f"/api/sms/templates/{template_id}"
    CampaignModel(shop[0], "c1", name="双11", template_id=template_id, status="draft", created_by="u",
                  created_at="2026-11-30T00:00:00Z").save()
    in_use = api.call("DELETE", path, token=shop[1])
    assert (in_use.status_code, in_use.data["code"]) == (409, "TEMPLATE_IN_USE") and "双11" in in_use.data["message"]
    CampaignModel(shop[0], "c1").update(actions=[CampaignModel.status.set("done")])
    api.put("/api/sms/settings", {"birthday_template_id": template_id}, token=shop[1])
    assert "生日关怀" in api.call("DELETE", path, token=shop[1]).data["message"]
    api.put("/api/sms/settings", {"birthday_template_id": None}, token=shop[1])
    assert api.call("DELETE", path, token=shop[1]).status_code == 200
    assert api.get(path, token=shop[1]).status_code == 404


def test_the_content_rules_are_listed_with_their_source_and_words(api, shop):
    items = api.get("/api/sms/rules", token=shop[1]).data["items"]
    rx = next(rule for rule in items if rule["id"] == "rx_generic")
    assert (rx["kind_label"], rx["blocking"], rx["pattern_words"][0]) == ("处方药推广", False, "处方药")
    assert "广告法" in rx["source"]
    assert {rule["kind"] for rule in items if rule["blocking"]} == {"bracket", "link_in_variable", "unknown_variable"}
