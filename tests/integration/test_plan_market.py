"""The plan market as a tenant sees it: the seeded library, filters, detail, download, usage and suggestions."""
import pytest

from chalicelib.domain.plans.library import PLANS
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.services.plans import market
from tests.integration.helpers import admin_token, approved_tenant, log_in, registration
from tests.integration.import_helpers import download
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (a fixture)
from tests.integration.plan_helpers import seed_plan_library


@pytest.fixture
def pharmacy(api):
    seed_plan_library()
    return approved_tenant(api, 1)[1]


def test_the_seeded_library_fills_the_market_with_every_class(api, pharmacy):
    listed = api.get("/api/plans?size=100", token=pharmacy).data
    assert listed["total"] == len(PLANS) >= 40
    for name in CLASS_NAMES:
        assert len({p["event"] for p in listed["items"] if name in p["target_classes"]}) >= 4, name
    card = listed["items"][0]
    assert card["author_kind"] == "platform" and {"price_yuan", "uses", "summary", "event"} <= set(card)


def test_seeding_twice_adds_nothing(api, pharmacy):
    assert seed_plan_library() == 0


def test_the_market_filters_by_class_event_and_keyword_and_sorts_by_use(api, pharmacy):
    by_class = api.get("/api/plans?class=重要挽留客户&size=100", token=pharmacy).data
    assert by_class["total"] > 0 and all("重要挽留客户" in p["target_classes"] for p in by_class["items"])
    by_event = api.get("/api/plans?event=重阳&size=100", token=pharmacy).data
    assert by_event["total"] > 0 and all(p["event"] == "重阳" for p in by_event["items"])
    name = PLANS[3]["name"]
    assert [p["name"] for p in api.get(f"/api/plans?q={name}", token=pharmacy).data["items"]] == [name]
    plan_id = by_event["items"][-1]["plan_id"]
    api.post(f"/api/plans/{plan_id}/download", token=pharmacy)
    assert api.get("/api/plans?sort=uses", token=pharmacy).data["items"][0]["plan_id"] == plan_id
    assert api.get("/api/plans?sort=price", token=pharmacy).status_code == 400


def test_the_market_pages(api, pharmacy):
    first = api.get("/api/plans?page=1&size=12", token=pharmacy).data
    second = api.get("/api/plans?page=2&size=12", token=pharmacy).data
    assert len(first["items"]) == 12 and not {p["plan_id"] for p in first["items"]} & {
        p["plan_id"] for p in second["items"]}


def test_a_tenant_of_another_industry_sees_no_pharmacy_plans(api):
    seed_plan_library()
    form = registration(5, industry="餐饮")
    tenant_id = api.post("/api/auth/register", form).data["tenant_id"]
    api.post(f"/api/admin/tenants/{tenant_id}/approve", token=admin_token(api))
    token = log_in(api, form["username"], form["password"], form["contact_phone"])
    assert api.get("/api/plans", token=token).data["total"] == 0
    assert api.get(f"/api/plans/{PLANS[0]['key']}", token=token).status_code == 404


def test_the_detail_renders_the_document_and_measures_the_sms(api, pharmacy):
    detail = api.get(f"/api/plans/{PLANS[0]['key']}", token=pharmacy).data
    assert PLANS[0]["name"] in detail["attachment_html"] and "<script" not in detail["attachment_html"]
    text = detail["sms_texts"][0]
    assert text["composed"].endswith("拒收请回复R") and text["parts"] >= 1 and text["warnings"] == []
    assert detail["attachment_name"].endswith(".docx")


def test_views_and_downloads_count_once_per_tenant_and_day(api, pharmacy):
    plan_id = PLANS[1]["key"]
    for _ in range(3):
        api.get(f"/api/plans/{plan_id}", token=pharmacy)
        answer = api.post(f"/api/plans/{plan_id}/download", token=pharmacy)
    assert download(answer.data["url"]).startswith(b"PK")
    _, other = approved_tenant(api, 2)
    api.post(f"/api/plans/{plan_id}/download", token=other)
    card = next(p for p in api.get("/api/plans?size=100", token=pharmacy).data["items"] if p["plan_id"] == plan_id)
    assert (card["views"], card["uses"]) == (1, 2)
    usage = api.get(f"/api/admin/plans/{plan_id}/usage", token=admin_token(api)).data
    assert usage["totals"] == {"views": 1, "downloads": 2, "uses": 2}
    assert sorted(u["kind"] for u in usage["items"]) == ["download", "download", "view"]
    assert all(u["company_name"].startswith("测试大药房") for u in usage["items"])


def test_parallel_downloads_of_one_tenant_count_once(api, atomic_dynamodb):
    seed_plan_library()
    tenant_id, _ = approved_tenant(api, 3)
    plan_id = PLANS[2]["key"]
    answers = all_at_once(*[lambda: market.download(tenant_id, plan_id)] * 8)
    assert all("url" in answer for answer in answers)
    assert api.get(f"/api/admin/plans/{plan_id}/usage", token=admin_token(api)).data["totals"]["downloads"] == 1


def test_suggestions_give_each_class_its_plans_and_the_coming_events(api, pharmacy):
    answer = api.get("/api/plans/suggestions", token=pharmacy).data
    assert set(answer["classes"]) == set(CLASS_NAMES)
    for name, plans in answer["classes"].items():
        assert 1 <= len(plans) <= 3 and all(name in p["target_classes"] for p in plans)
    days = [event["days_until"] for event in answer["events"]]
    assert days == sorted(days) and all(0 <= d <= 30 for d in days)
    one = api.get("/api/plans/suggestions?class=重要挽留客户", token=pharmacy).data
    assert list(one["classes"]) == ["重要挽留客户"]
    assert api.get("/api/plans/suggestions?class=路人", token=pharmacy).status_code == 400


def test_options_list_the_events_industries_and_classes(api, pharmacy):
    options = api.get("/api/plans/options", token=pharmacy).data
    assert {"春节", "重阳", "会员日"} <= set(options["events"]) and "医药" in options["industries"]
    assert options["classes"] == list(CLASS_NAMES)
