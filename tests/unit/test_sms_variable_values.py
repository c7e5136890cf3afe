"""A customer's own values in an SMS: cleaned as sent, measured on the stored bytes, and noted in the check."""
import numpy as np
import pytest

from chalicelib.domain.sms import length
from chalicelib.domain.sms.variable_values import char_counts, clean, notes, notice_text, sent_chars


@pytest.mark.parametrize("name,expected", [
    ("王小明", "王小明"), (" 王小明 ", "王小明"), ("【工商银行】王", "工商银行王"), ("{class}", "（class）"),
    ("www.evil.cn/x", ""), ("http://a.b", ""), ("王 shop.vip", ""), ("点击t.cn/abc", ""), ("张3.5元", "张3.5元"),
])
def test_a_value_is_sent_without_links_brackets_or_braces(name, expected):
    assert clean(name, "", "重要价值客户")["name"] == expected


def test_internal_class_labels_are_never_sent():
    assert clean("王", "福田店", "未分析")["class"] == "" and clean("王", "福田店", "无购买")["class"] == ""
    assert clean("王", "福田店", "重要价值客户")["class"] == "重要价值客户"


def test_characters_are_counted_on_utf8_bytes_without_decoding():
    values = np.array(["王小明".encode(), b"Tom", "é王".encode(), b"", "😀".encode()])
    assert char_counts(values).tolist() == [3, 3, 2, 0, 1]
    assert char_counts(np.array(["王小明", ""])).tolist() == [3, 0]


def test_each_recipients_length_matches_the_text_it_is_sent():
    body, signature = "{name}您好，{store}会员日，{class}专享九折", "康宁大药房"
    names = np.array([v.encode() for v in ("王小明", "长" * 50, "www.evil.cn", "【银行】李")])
    stores = np.array([v.encode() for v in ("福田店", "", "南山店", "福田店")])
    classes = np.array(["重要价值客户", "未分析", "一般发展客户", "无购买"])
    chars = sent_chars(length.fixed_chars(body, signature, True), length.variable_uses(body), names, stores, classes)
    for k in range(4):
        values = clean(names[k].decode(), stores[k].decode(), str(classes[k]))
        assert chars[k] == len(length.compose(length.render(body, values), signature)), k
    assert length.parts_of(chars).tolist() == [1, 2, 1, 1]


def test_the_notes_count_what_the_values_change_only_for_variables_the_text_uses():
    names = np.array([b"", "www.a.com".encode(), "【x】".encode(), "王".encode()])
    stores = np.array([b"", b"", "A店".encode(), "A店".encode()])
    classes = np.array(["未分析", "重要价值客户", "重要价值客户", "重要价值客户"])
    found = {(n["code"], n["message"]) for n in notes({"name": 1, "store": 0, "class": 1}, names, stores, classes)}
    assert found == {("EMPTY_VALUE", "1 位客户没有姓名：{name} 处将为空"),
                     ("LINK_IN_VALUE", "1 位客户的姓名含网址：发送时不填入姓名"),
                     ("BRACKET_IN_VALUE", "1 位客户的姓名含【】：发送时去掉【】"),
                     ("EMPTY_VALUE", "1 位客户尚未分析或分析期内无购买：{class} 处将为空")}


def test_a_notice_keeps_its_words_but_no_link_or_bracket_someone_typed_into_it():
    text = "您的企业注册（【平台通知】药房 t.cn/x）未通过审核，原因：请访问 www.x.cn 重新提交【】。请联系平台 400-800-1234"
    assert notice_text(text) == "您的企业注册（平台通知药房 ）未通过审核，原因：请访问  重新提交。请联系平台 400-800-1234"
    plain = "贵企业的服务将于 2026-12-16 到期（还有 5 天），金额 3.5 元"
    assert notice_text(plain) == plain


def test_emoji_are_taken_out_of_a_customers_values_and_rare_chinese_characters_kept():
    assert clean("张😀", "福田店👍🏻", "重要价值客户") == {"name": "张", "store": "福田店", "class": "重要价值客户"}
    assert clean("𠮷田", "", "")["name"] == "𠮷田"
