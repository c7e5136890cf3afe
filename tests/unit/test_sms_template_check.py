"""The template editor's check and the SMS request rules."""
import pytest

from chalicelib.domain.schemas import parse
from chalicelib.domain.sms import template_check
from chalicelib.domain.sms.requests import CapsRequest, clean_signature
from chalicelib.errors import ValidationFailed


def test_a_clean_marketing_text_is_measured_with_signature_and_suffix_and_has_no_findings():
    checked = template_check.check("会员日全场九折", "康宁", "marketing")
    assert (checked["text"], checked["chars"], checked["parts"], checked["warnings"]) == (
        "【康宁】会员日全场九折拒收请回复R", 17, 1, [])


def test_a_text_over_500_characters_is_blocked_saying_how_many_to_cut():
    checked = template_check.check("九" * 490, "康宁", "marketing")  # 4 + 490 + 6 = 500: allowed
    assert checked["warnings"] == []
    over = template_check.check("九" * 491, "康宁", "marketing")
    assert [(w["rule"], w["blocking"]) for w in over["warnings"]] == [("too_long", True)]
    assert "请删减 1 字" in over["warnings"][0]["message"]


@pytest.mark.parametrize("text, rule", [
    ("会员日\x00九折\x07", "invisible_character"), ("\u202e会员日", "invisible_character"),
    ("会员日\u200b九折", "invisible_character"), ("会员日快乐😀🎉", "emoji")])
def test_what_a_saved_template_may_not_hold_or_a_carrier_refuses_blocks_in_the_live_check_too(text, rule):
    warnings = template_check.check(text, "康宁", "marketing")["warnings"]
    assert [(w["rule"], w["blocking"]) for w in warnings] == [(rule, True)]


def test_line_breaks_common_symbols_and_rare_chinese_characters_pass():
    assert template_check.check("会员日★九折\n欢迎光临", "康宁", "marketing")["warnings"] == []
    assert template_check.check("𠮷田先生您好𠀀", "康宁", "marketing")["warnings"] == []  # CJK Extension B


def test_warnings_a_user_may_keep_are_not_blocking_and_refusals_are():
    checked = template_check.check("最好的{store}，{网址}", "康宁", "marketing")
    assert [(w["kind"], w["blocking"]) for w in template_check.check("根治", "康宁", "notice")["warnings"]] == [
        ("medical_claim", False)]
    assert [w["rule"] for w in template_check.blocking(checked)] == ["link_in_variable"]  # {网址} once, not twice
    assert [w["blocking"] for w in checked["warnings"]] == [True, False]  # what stops the submission comes first


@pytest.mark.parametrize("text,rule", [("会员日 http://a.cn/{name} 见", "link_with_variable"),
                                       ("见 t.cn/{store}", "link_with_variable"), ("见 x.cn/?a={name}", "link_with_variable"),
                                       ("{NAME}您好", "unknown_variable"), ("{Name}您好", "unknown_variable"),
                                       ("{name 您好", "unpaired_brace"), ("您好} 再见", "unpaired_brace")])
def test_a_link_built_from_a_variable_and_a_lone_brace_are_refused(text, rule):
    assert [w["rule"] for w in template_check.blocking(template_check.check(text, "康宁", "marketing"))] == [rule]


def test_an_empty_text_is_blocked():
    assert [w["rule"] for w in template_check.blocking(template_check.check(" \n", "康宁", "notice"))] == ["empty"]


def test_every_rule_is_listed_with_a_label_and_only_literal_words():
    rules = template_check.rules()
    assert all(rule["kind_label"] and rule["source"] for rule in rules)
    rank = next(rule for rule in rules if rule["id"] == "rank")
    assert rank["pattern_words"] == ["第一", "唯一", "独一无二", "首选"]


@pytest.mark.parametrize("raw, stored", [("康宁大药房", "康宁大药房"), ("【康宁大药房】", "康宁大药房"),
                                         ("KN药房24", "KN药房24")])
def test_a_signature_is_stored_without_its_brackets(raw, stored):
    assert clean_signature(raw) == stored


@pytest.mark.parametrize("raw", ["康", "康宁·药房", "康宁【药】房", "一二三四五六七八九十一二三", "", None])
def test_a_signature_that_is_too_short_long_or_has_punctuation_is_refused(raw):
    with pytest.raises(ValueError):
        clean_signature(raw)


@pytest.mark.parametrize("body, field", [({"daily_cap": 0, "monthly_cap": 10}, "daily_cap"),
                                         ({"daily_cap": 10, "monthly_cap": 5}, "monthly_cap"),
                                         ({"daily_cap": True, "monthly_cap": 5}, "daily_cap")])
def test_caps_are_whole_numbers_of_at_least_one_with_the_month_not_below_the_day(body, field):
    with pytest.raises(ValidationFailed) as raised:
        parse(CapsRequest, body)
    assert [d["field"] for d in raised.value.details] == [field]
