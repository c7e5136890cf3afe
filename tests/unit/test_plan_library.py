"""The seeded pharmacy plan library: coverage, contract limits, lawful SMS texts and documents that build."""
import re
from collections import defaultdict

import pytest

from chalicelib.domain.calendar_events import DEFAULT_EVENTS, NONE
from chalicelib.domain.docx_check import check_docx
from chalicelib.domain.plans.library import PLANS
from chalicelib.domain.plans.library_parts import COMMON_CAUTIONS
from chalicelib.domain.plans.schemas import PlanRequest
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.domain.sms import content_rules
from chalicelib.domain.sms.length import OPT_OUT_SUFFIX, measure
from local.plan_documents import build_document
from local.plan_library_cache import library_documents

LIBRARY_EVENTS = {"会员日", "慢病复购提醒", "换季健康", "双11", "双12", "国庆", "妇女节", "儿童节", "春节", "元宵", "端午",
                  "重阳", "中秋", "生日关怀"}
# Words a plan may not use anywhere the market shows it; its cautions quote them on purpose, so they are not read.
CLAIM_KINDS = {content_rules.MEDICAL_CLAIM, content_rules.ABSOLUTE_TERM, content_rules.HEALTH_CONDITION}
IDS = [plan["key"] for plan in PLANS]


@pytest.fixture(scope="module")
def documents():
    """Built, checked (check_docx) and rendered once, as the local stack and the plan tests use them."""
    return library_documents()


def _shown_texts(plan: dict) -> list[str]:
    rows = [f"{when} {what}" for when, what in plan["timeline"]] + [item for item, _ in plan["budget"]]
    return [plan["name"], plan["summary"], plan["description"], plan["objective"], plan["audience"],
            *plan["mechanics"], *rows, *plan["measurement"]]


def test_the_library_holds_at_least_40_plans_with_unique_keys_and_names():
    assert len(PLANS) >= 40
    assert len({plan["key"] for plan in PLANS}) == len(PLANS)
    assert len({plan["name"] for plan in PLANS}) == len(PLANS)


def test_every_class_is_served_by_plans_for_at_least_five_events():
    events = defaultdict(set)
    for plan in PLANS:
        for name in plan["target_classes"]:
            events[name].add(plan["event"])

    thin = {name: sorted(events[name]) for name in CLASS_NAMES if len(events[name]) < 5}
    assert thin == {}


def test_every_library_event_has_a_plan_and_is_in_the_events_dictionary():
    assert {plan["event"] for plan in PLANS} == LIBRARY_EVENTS
    assert LIBRARY_EVENTS <= {event.name for event in DEFAULT_EVENTS}


def test_every_dated_event_of_the_default_dictionary_has_a_plan_the_home_page_can_suggest():
    dated = {event.name for event in DEFAULT_EVENTS if event.rule != NONE}

    assert dated - {plan["event"] for plan in PLANS} == set()


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_a_plan_is_a_valid_plan_request_unchanged_by_cleaning(plan):
    body = {field: plan[field] for field in ("name", "industry", "event", "summary", "description", "sms_text")}

    request = PlanRequest.model_validate({**body, "target_classes": list(plan["target_classes"]),
                                          "price_yuan": plan["price_yuan"]})

    assert {field: getattr(request, field) for field in body} == body
    assert request.target_classes == list(plan["target_classes"])  # already in class order, no repeats
    assert request.price_fen == round(plan["price_yuan"] * 100)


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_a_plan_has_a_stable_key_a_pharmacy_industry_one_or_two_classes_and_a_one_line_summary(plan):
    assert re.fullmatch(r"lib-[a-z0-9-]{1,60}", plan["key"])
    assert plan["industry"] == "医药"
    assert 1 <= len(plan["target_classes"]) <= 2
    assert "\n" not in plan["summary"] and len(plan["summary"]) <= 80


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_a_plans_sms_text_passes_the_pharmacy_content_rules(plan):
    assert content_rules.check(plan["sms_text"]) == []


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_a_plans_sms_body_carries_no_signature_suffix_or_link(plan):
    text = plan["sms_text"]

    assert not text.startswith("【") and OPT_OUT_SUFFIX not in text
    assert not re.search(r"https?:|www\.|\.cn|\.com", text, re.IGNORECASE)


def test_every_composed_sms_fits_in_two_parts_and_most_in_one():
    measures = [measure(plan["sms_text"]) for plan in PLANS]

    assert max(m.chars for m in measures) <= 134
    assert sum(m.parts == 1 for m in measures) >= 0.8 * len(PLANS)


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_what_the_market_shows_makes_no_claims_uses_no_absolute_terms_and_reveals_no_condition(plan):
    findings = [f"{f.rule}: {f.excerpt}" for text in _shown_texts(plan) for f in content_rules.check(text)
                if f.kind in CLAIM_KINDS]

    assert findings == []


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_a_plan_fills_every_document_section(plan):
    assert plan["objective"] and plan["audience"] and plan["description"]
    assert len(plan["mechanics"]) >= 3 and len(plan["timeline"]) >= 3 and plan["budget"]
    assert all(len(row) == 2 and all(row) for row in plan["timeline"])
    assert plan["budget_total"] == round(sum(amount for _, amount in plan["budget"]), 2)
    assert any("对照组" in line for line in plan["measurement"])
    assert plan["cautions"][:len(COMMON_CAUTIONS)] == COMMON_CAUTIONS


def test_every_document_is_a_safe_docx_that_renders_with_the_plan_name_and_its_sms(documents):
    for plan in PLANS:
        data, html = documents[plan["key"]]
        check_docx(data)

        assert f"<h1>{plan['name']}</h1>" in html, plan["key"]
        sms = measure(plan["sms_text"])
        assert sms.text in html and f"共 {sms.chars} 字，按 {sms.parts} 条计费" in html, plan["key"]


def test_the_same_plan_builds_the_same_bytes(documents):
    plan = PLANS[0]

    assert build_document(plan) == documents[plan["key"]][0]


def test_the_budget_table_ends_with_the_total(documents):
    plan = next(plan for plan in PLANS if plan["budget_total"] >= 1000)

    html = documents[plan["key"]][1]

    assert f"<td><p>合计</p></td><td><p>{plan['budget_total']:,.2f}</p></td>" in html
