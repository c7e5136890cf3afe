"""統一社会信用代码 check digit per GB 32100-2015."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.license import CHARSET, check_character, normalize_license_no

# Published codes of real companies (from their public business registrations).
REAL_CODES = ["91350100M000100Y43", "911100001000080343", "914403001922038216"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code):
    assert normalize_license_no(code) == code


def test_lower_case_and_spaces_are_normalised():
    assert normalize_license_no("  91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize("code,message", [
    ("91350100M000100Y4", "应为 18 位"),
    ("91350100M000100Y44", "校验位不正确"),
    ("91350100M0001O0Y43", "无效字符：O"),
    ("91ABCDEFM000100Y43", "行政区划代码"),
    ("", "应为 18 位"),
])
def test_wrong_codes_say_what_is_wrong(code, message):
    with pytest.raises(ValueError, match=message):
        normalize_license_no(code)


body = st.text(alphabet=CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit())


@given(body)
def test_any_body_with_its_check_character_is_valid(first17):
    assert normalize_license_no(first17 + check_character(first17))


@given(body, st.sampled_from(CHARSET))
def test_any_other_check_character_is_refused(first17, other):
    if other != check_character(first17):
        with pytest.raises(ValueError):
            normalize_license_no(first17 + other)
