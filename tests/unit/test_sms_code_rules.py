"""SMS codes on the in-memory challenge store: single use, attempts limited, short-lived, resends throttled."""
import re

import pytest

from chalicelib import config
from chalicelib.errors import TooManyRequests, ValidationFailed
from chalicelib.services import sms_codes
from tests.fakes.challenges import FakeChallenges

T0 = 1_800_000_000


class Phone:
    """Receives the texts; `code` is the latest one's."""

    def __init__(self):
        self.texts: list[tuple[str, str]] = []

    def __call__(self, mobile: str, text: str) -> None:
        self.texts.append((mobile, text))

    @property
    def code(self) -> str:
        return re.search(r"\d{6}", self.texts[-1][1]).group()


@pytest.fixture
def challenges():
    return FakeChallenges()


def start(challenges, phone, purpose="login", **options) -> str:
    answer = sms_codes.start("pharmacy1", "13900000001", purpose, now=T0, send=phone, challenges=challenges, **options)
    assert answer["masked_mobile"] != "13900000001"
    return answer["challenge_id"]


def check(challenges, challenge_id, code, at=T0 + 10, purpose="login"):
    return sms_codes.check(challenges.get(challenge_id), purpose, code, now=at, challenges=challenges)


def other_than(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_the_texted_code_is_accepted_once(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone)
    assert phone.texts[0][0] == "13900000001"
    assert check(challenges, challenge_id, phone.code).used is True
    with pytest.raises(ValidationFailed) as again:
        check(challenges, challenge_id, phone.code)
    assert again.value.code == "CODE_USED"


def test_wrong_codes_use_up_the_attempts_and_then_even_the_right_code_is_refused(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone)
    for left in range(config.SMS_CODE_MAX_ATTEMPTS - 1, -1, -1):
        with pytest.raises(sms_codes.WrongCode) as wrong:
            check(challenges, challenge_id, other_than(phone.code))
        assert (wrong.value.left, wrong.value.compared) == (left, True)
    with pytest.raises(sms_codes.WrongCode) as refused:
        check(challenges, challenge_id, phone.code)
    assert (refused.value.code, refused.value.compared) == ("TOO_MANY_ATTEMPTS", False)


def test_a_code_expires_after_five_minutes(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone)
    with pytest.raises(ValidationFailed) as late:
        check(challenges, challenge_id, phone.code, at=T0 + config.SMS_CODE_TTL_SECONDS + 1)
    assert late.value.code == "CODE_EXPIRED"
    assert check(challenges, challenge_id, phone.code, at=T0 + config.SMS_CODE_TTL_SECONDS).used


def test_a_code_of_another_purpose_or_an_unknown_challenge_is_refused(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone, purpose="reset")
    for wrong_id, purpose in ((challenge_id, "login"), ("unknown", "reset")):
        with pytest.raises(ValidationFailed) as refused:
            check(challenges, wrong_id, phone.code, purpose=purpose)
        assert refused.value.code == "CODE_EXPIRED"


def test_a_resend_waits_a_minute_sends_a_new_code_and_keeps_the_attempts(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone)
    first = phone.code
    with pytest.raises(sms_codes.WrongCode):
        check(challenges, challenge_id, other_than(first))
    with pytest.raises(TooManyRequests) as early:
        sms_codes.resend(challenges.get(challenge_id), "13900000001", now=T0 + 20, send=phone, challenges=challenges)
    assert early.value.details == [{"field": "retry_after", "message": str(config.SMS_RESEND_SECONDS - 20)}]
    sms_codes.resend(challenges.get(challenge_id), "13900000001", now=T0 + 60, send=phone, challenges=challenges)
    assert len(phone.texts) == 2
    if phone.code != first:  # the old code stops working (HOTP counters: equal codes are possible, rarely)
        with pytest.raises(sms_codes.WrongCode):
            check(challenges, challenge_id, first, at=T0 + 61)
    assert challenges.get(challenge_id).attempts >= 1
    assert check(challenges, challenge_id, phone.code, at=T0 + 62).used


def test_a_used_challenge_is_not_resent(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone)
    check(challenges, challenge_id, phone.code)
    with pytest.raises(ValidationFailed) as used:
        sms_codes.resend(challenges.get(challenge_id), "13900000001", now=T0 + 90, send=phone, challenges=challenges)
    assert used.value.code == "CODE_USED"


def test_a_decoy_is_never_texted_and_accepts_no_code(challenges):
    phone = Phone()
    challenge_id = start(challenges, phone, purpose="reset", decoy=True)
    assert phone.texts == []
    with pytest.raises(sms_codes.WrongCode):
        check(challenges, challenge_id, "123456", purpose="reset")
