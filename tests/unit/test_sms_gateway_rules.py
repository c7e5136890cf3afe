"""Gateway rules that need no provider: message text, local review, Aliyun template text and answer sorting."""
from datetime import datetime, timedelta, timezone

import pytest
import requests
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException, ThrottlingException
from darabonba.exceptions import RetryError, UnretryableException
from darabonba.policy.retry import RetryPolicyContext
from urllib3.exceptions import MaxRetryError, NewConnectionError

from chalicelib.adapters.sms import aliyun_answers, local_review
from chalicelib.adapters.sms.aliyun_provider import template_content
from chalicelib.adapters.sms.errors import ProviderRejected, ProviderThrottled, ProviderUncertain
from chalicelib.adapters.sms.types import TemplateRef, mainland_number, text_for

MARKETING = TemplateRef("SMS_1", "{name}您好，{store}会员日全场九折", "marketing")


def test_the_text_sent_is_signature_body_with_the_customers_values_and_the_opt_out_suffix():
    text = text_for("康宁大药房", MARKETING, {"name": "王先生", "store": "南山店"})
    assert text == "【康宁大药房】王先生您好，南山店会员日全场九折拒收请回复R"


def test_a_missing_value_is_left_empty_never_filled_with_a_sample_name():
    assert text_for("康宁", MARKETING, {}) == "【康宁】您好，会员日全场九折拒收请回复R"


def test_a_notice_has_no_opt_out_suffix_and_braces_in_a_value_cannot_become_variables():
    notice = TemplateRef(None, "{name}，您的药已到店", "notice")
    assert text_for("康宁", notice, {"name": "{store}"}) == "【康宁】（store），您的药已到店"


@pytest.mark.parametrize("raw, number", [("+8613900000001", "13900000001"), ("008613900000001", "13900000001"),
                                         ("8613900000001", "13900000001"), ("139 0000 0001", "13900000001")])
def test_mainland_numbers_lose_their_country_code(raw, number):
    assert mainland_number(raw) == number


def test_aliyun_templates_use_dollar_variables_and_marketing_ones_end_with_the_opt_out_suffix():
    assert template_content(" {name}您好 ", "marketing") == "${name}您好拒收请回复R"
    assert template_content("{name}您好拒收请回复R", "marketing") == "${name}您好拒收请回复R"
    assert template_content("{name}，药已到店", "notice") == "${name}，药已到店"


def at(seconds: float) -> datetime:
    return datetime(2026, 3, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)


def test_the_local_review_is_pending_first_then_approves_an_ordinary_text(monkeypatch):
    monkeypatch.setenv("SMS_LOCAL_REVIEW_SECONDS", "5")
    code = local_review.submit("{name}您好，会员日全场九折")
    assert code.startswith("LOCAL_")
    assert local_review.status(code, at(0).isoformat(), now=at(4.9)) == ("pending", None)
    assert local_review.status(code, at(0).isoformat(), now=at(5)) == ("approved", None)


def test_the_local_review_rejects_a_prescription_drug_with_the_rules_message(monkeypatch):
    monkeypatch.setenv("SMS_LOCAL_REVIEW_SECONDS", "0")
    status, reason = local_review.status(local_review.submit("阿莫西林买二送一"), "2026-03-01T00:00:00Z")
    assert status == "rejected" and "阿莫西林" in reason


def test_the_local_review_rejects_a_cure_claim_but_lets_an_absolute_term_through(monkeypatch):
    monkeypatch.setenv("SMS_LOCAL_REVIEW_SECONDS", "0")
    assert local_review.status(local_review.submit("包治百病"), "2026-03-01T00:00:00Z")[0] == "rejected"
    assert local_review.status(local_review.submit("全城最低价"), "2026-03-01T00:00:00Z")[0] == "approved"


def test_the_same_text_submitted_twice_gets_two_codes():
    assert local_review.submit("会员日九折") != local_review.submit("会员日九折")


class Body:
    def __init__(self, code, message=""):
        self.code, self.message = code, message


@pytest.mark.parametrize("code, kind", [("isv.BUSINESS_LIMIT_CONTROL", ProviderThrottled),
                                        ("Throttling.User", ProviderThrottled),
                                        ("isv.SMS_SIGNATURE_ILLEGAL", ProviderRejected),
                                        ("isv.AMOUNT_NOT_ENOUGH", ProviderRejected)])
def test_a_business_code_in_the_answer_is_sorted(code, kind):
    with pytest.raises(kind):
        aliyun_answers.checked(Body(code))


def test_an_ok_answer_is_returned():
    body = Body("OK")
    assert aliyun_answers.checked(body) is body


def test_sdk_exceptions_are_sorted_into_throttled_rejected_and_uncertain():
    throttled = aliyun_answers.translated(ThrottlingException(code="Throttling.User", retry_after=3, status_code=429))
    assert isinstance(throttled, ProviderThrottled) and throttled.retry_after == 3
    assert isinstance(aliyun_answers.translated(ClientException(code="Throttling.User", status_code=400)),
                      ProviderThrottled)
    assert isinstance(aliyun_answers.translated(ClientException(code="InvalidAccessKeyId.NotFound", status_code=404)),
                      ProviderRejected)
    assert isinstance(aliyun_answers.translated(ServerException(code="InternalError", status_code=500)),
                      ProviderUncertain)
    assert isinstance(aliyun_answers.translated(ValueError("bad json")), ProviderUncertain)


def transport_failure(cause: Exception) -> UnretryableException:
    try:
        try:
            raise cause
        except IOError as error:
            raise RetryError(str(error))  # noqa: B904  as the SDK raises it: chained implicitly
    except RetryError as wrapped:
        return UnretryableException(RetryPolicyContext(retries_attempted=1, exception=wrapped))


def test_a_refused_connection_is_retryable_but_a_read_timeout_is_uncertain():
    refused = requests.exceptions.ConnectionError(MaxRetryError(None, "/", NewConnectionError(None, "refused")))
    assert isinstance(aliyun_answers.translated(transport_failure(refused)), ProviderThrottled)
    assert isinstance(aliyun_answers.translated(transport_failure(requests.exceptions.ConnectTimeout())),
                      ProviderThrottled)
    assert isinstance(aliyun_answers.translated(transport_failure(requests.exceptions.ReadTimeout())),
                      ProviderUncertain)
    reset = requests.exceptions.ConnectionError(ConnectionResetError(104, "reset"))
    assert isinstance(aliyun_answers.translated(transport_failure(reset)), ProviderUncertain)
