"""Field rules: mobile, login name, password, text, region, industry."""
import pytest

from chalicelib.domain import fields


@pytest.mark.parametrize("raw", ["13800138000", "+86 138 0013 8000", "138-0013-8000", "19912345678"])
def test_mainland_mobiles_are_normalised_to_eleven_digits(raw):
    assert len(fields.normalize_mobile(raw)) == 11


@pytest.mark.parametrize("raw", ["12345678901", "010-12345678", "+1 415 555 0100", "1380013800", "abc", ""])
def test_anything_but_a_mainland_mobile_is_refused(raw):
    with pytest.raises(ValueError):
        fields.normalize_mobile(raw)


def test_masked_mobile_hides_the_middle():
    assert fields.mask_mobile("13800138000") == "138****8000"


@pytest.mark.parametrize("raw,expected", [("Pharmacy_01", "pharmacy_01"), ("kangning.sz", "kangning.sz")])
def test_login_names_are_lower_cased(raw, expected):
    assert fields.normalize_username(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1abc", "药房账号", "a" * 33, "bad name", "x<script>"])
def test_bad_login_names_are_refused(raw):
    with pytest.raises(ValueError, match="登录名格式不正确"):
        fields.normalize_username(raw)


@pytest.mark.parametrize("password", ["short1", "onlyletters", "12345678", "a1" * 33])
def test_weak_passwords_are_refused_with_the_rule(password):
    with pytest.raises(ValueError, match="须同时包含字母和数字"):
        fields.check_password(password)


def test_text_keeps_emoji_and_markup_as_plain_text():
    assert fields.clean_text(" <b>康宁</b>😀 ", "企业名称", 100) == "<b>康宁</b>😀"


@pytest.mark.parametrize("raw", ["康\u200b宁", "康\u0000宁", "康\u202e宁", "康\ufeff宁"])
def test_text_with_invisible_or_control_characters_is_refused(raw):
    with pytest.raises(ValueError, match="不可见或控制字符"):
        fields.clean_text(raw, "企业名称", 100)


def test_region_accepts_the_portal_object_or_a_slash_string():
    assert fields.normalize_region("广东省/深圳市") == {"province": "广东省", "city": "深圳市", "code": ""}
    assert fields.normalize_region({"province": "北京市", "city": "市辖区", "code": "110100"})["code"] == "110100"
    with pytest.raises(ValueError):
        fields.normalize_region({"province": "北京市", "city": "", "code": "1101"})


def test_pharmacy_is_the_first_industry():
    assert fields.INDUSTRIES[0] == "医药"
