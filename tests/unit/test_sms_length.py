"""SMS length: signature and suffix counted, one SMS up to 70 characters, parts of 67 beyond, 500 at most."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.sms.length import (
    MAX_CHARS,
    OPT_OUT_SUFFIX,
    SAMPLE_SIGNATURE,
    SAMPLE_VALUES,
    compose,
    measure,
    unknown_variables,
)

OVERHEAD = len(f"【{SAMPLE_SIGNATURE}】") + len(OPT_OUT_SUFFIX)


def body_of(chars: int) -> str:
    """A body whose composed marketing text is exactly `chars` characters long."""
    return "好" * (chars - OVERHEAD)


def test_the_composed_text_is_signature_body_and_opt_out_suffix():
    assert compose("会员日积分翻倍。") == "【康宁大药房】会员日积分翻倍。拒收请回复R"


def test_the_suffix_is_not_doubled_when_the_body_already_ends_with_it():
    assert compose("会员日积分翻倍，拒收请回复R") == "【康宁大药房】会员日积分翻倍，拒收请回复R"


def test_a_notification_carries_no_opt_out_suffix():
    assert compose("您的验证码是 123456", signature="某某店", marketing=False) == "【某某店】您的验证码是 123456"


def test_variables_are_measured_with_realistic_sample_values():
    text = compose("{name}您好，{store}为{class}备好了礼品")
    assert SAMPLE_VALUES["name"] in text and SAMPLE_VALUES["store"] in text and SAMPLE_VALUES["class"] in text
    assert "{" not in text


def test_unknown_placeholders_stay_as_written_and_are_listed_once_each():
    assert "{coupon}" in compose("凭{coupon}领取")
    assert unknown_variables("{name}凭{coupon}领{coupon}，{}与{store}") == ["coupon", ""]


@pytest.mark.parametrize("chars, parts", [(70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4), (500, 8)])
def test_parts_follow_the_70_and_67_boundaries(chars, parts):
    measured = measure(body_of(chars))
    assert (measured.chars, measured.parts) == (chars, parts)


def test_500_characters_are_allowed_and_501_are_too_long():
    assert not measure(body_of(MAX_CHARS)).too_long
    assert measure(body_of(MAX_CHARS + 1)).too_long


@given(st.text(alphabet="好a1，。 {}", max_size=600))
def test_every_part_holds_at_most_67_characters_once_a_text_is_split(body):
    measured = measure(body)
    assert measured.chars == len(measured.text)
    if measured.chars <= 70:
        assert measured.parts == 1
    else:
        assert (measured.parts - 1) * 67 < measured.chars <= measured.parts * 67
    assert measured.too_long == (measured.chars > MAX_CHARS)
    assert measured.text.endswith(OPT_OUT_SUFFIX)
