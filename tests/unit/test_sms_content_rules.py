"""Pharmacy SMS content rules: each kind of breach is caught with a message and its source,
and ordinary pharmacy marketing passes untouched."""
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.sms.content_rules import RULES, check

ORDINARY = (
    "{name}您好，本周六会员日积分翻倍，{store}恭候您的光临。",
    "最近天气转凉，秋冬换季注意保暖，{store}为您备好了保温杯赠品。",
    "慢病用药别断档，到店可免费测血压、测血糖。",
    "最后三天！维生素、钙片满99减20，最高立减50元，最新到货的口罩已上架。",
    "双11会员专享：非处方药8折，第一次到店的新会员再送体温计一支。",
    "{name}，感谢您一直以来的信任，祝您和家人重阳节安康，早日康复的心意我们都记得。",
    "换季最好提前备好常用药，第一时间到{store}咨询药师。",
    "{class}专享：春节不打烊，除夕当天营业至18:00，凭会员卡领取福袋。",
    "国庆假期店铺正常营业，关注血压健康，欢迎到店免费检测。",
    "妇女节当天女性会员购物享双倍积分（限前100名）。",
    "慢病关怀会员：本月到店可免费测血压，常购商品享会员价。",
)

BREACHES = {
    "prescription_drug": ("新到阿莫西林胶囊买二送一", "处方药会员价8折", "头孢克肟特价", "抗生素常备家中"),
    "medical_claim": ("祖传配方，根治失眠", "三天见效", "治愈率高达95%", "纯中药无毒副作用", "保证有效"),
    "absolute_term": ("本店价格全网最低", "最佳调理时机", "销量第一", "冬季进补首选", "顶级阿胶", "百分百正品",
                      "无效退款", "品质１００％保障", "口碑NO.1"),
    "health_condition": ("{name}，您的糖尿病药快用完了", "您患有高血压，请按时服药", "您的处方已到期",
                         "您上次购买的降压药可以续购了", "尊敬的糖尿病会员：本周血糖试纸会员价", "高血压患者专享"),
    "link_in_variable": ("点击{url}领券", "详情见{http://t.cn/abc}", "戳{领券链接}"),
    "bracket": ("【会员日】积分翻倍", "送】赠品"),
    "unknown_variable": ("{coupon}已到账", "您好{姓名}"),
}


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_pharmacy_marketing_passes(text):
    assert check(text) == []


@pytest.mark.parametrize("kind, text", [(kind, text) for kind, texts in BREACHES.items() for text in texts])
def test_each_kind_of_breach_is_caught(kind, text):
    assert kind in {finding.kind for finding in check(text)}


def test_a_finding_names_the_words_says_what_to_change_and_cites_its_source():
    [finding] = check("年终大促，最佳选择")
    assert finding.excerpt == "最佳"
    assert "“最佳”" in finding.message and "请" in finding.message
    assert finding.source == "《广告法》第九条"


def test_the_same_words_twice_give_one_finding_and_different_words_one_each():
    findings = check("第一品牌，销量第一，唯一授权")
    assert [f.excerpt for f in findings] == ["第一", "唯一"]


def test_a_bracketed_word_in_the_body_is_one_finding():
    assert [f.excerpt for f in check("【限时】秒杀")] == ["【限时】"]


def test_every_rule_has_a_chinese_message_and_a_source():
    assert len({rule.id for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert "{excerpt}" in rule.message and rule.source


@given(st.text(alphabet="最佳好第一次您的病情处方药非{}【】url100%１０　", max_size=40))
def test_check_never_fails_and_every_excerpt_is_in_the_text(text):
    normal = unicodedata.normalize("NFKC", text)
    for finding in check(text):
        assert finding.excerpt in normal
