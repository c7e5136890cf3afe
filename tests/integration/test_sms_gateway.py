"""The SMS gateway against its providers: Aliyun's SDK against a loopback dysmsapi, SNS in moto."""
import json
import socket

import pytest

from chalicelib.adapters.sms import Outgoing, TemplateRef, gateway, send_sms
from chalicelib.adapters.sms.errors import ProviderRejected, ProviderThrottled, ProviderUncertain
from chalicelib.adapters.sms.types import NOT_SENT
from tests.integration.aliyun_loopback import KEY_ID, SECRET, AliyunLoopback
from tests.integration.conftest import sent_sms

TEMPLATE = TemplateRef("SMS_100000001", "{name}您好，会员日全场九折", "marketing")


@pytest.fixture
def loopback(monkeypatch):
    with AliyunLoopback() as server:
        for name, value in {"SMS_PROVIDER": "aliyun", "ALIYUN_SMS_ENDPOINT": server.endpoint,
                            "ALIYUN_SMS_PROTOCOL": "http", "ALIYUN_ACCESS_KEY_ID": KEY_ID,
                            "ALIYUN_ACCESS_KEY_SECRET": SECRET, "ALIYUN_SMS_READ_TIMEOUT_MS": "300",
                            "SMS_LOGIN_TEMPLATE_CODE": "SMS_LOGIN_1",
                            # plain http to the loopback is honoured only on the local stage: a test run earlier in
                            # this worker may have left STAGE set by the chalice test client
                            "STAGE": "local"}.items():
            monkeypatch.setenv(name, value)
        yield server
        assert server.problems == []  # every request was signed and shaped as the API reference says


def messages(*mobiles: str) -> list[Outgoing]:
    return [Outgoing(m, {"name": f"客户{m[-1]}"}) for m in mobiles]


def test_a_batch_goes_out_in_one_call_with_each_numbers_signature_and_values(loopback):
    accepted = gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001", "13900000002"))
    assert [a.ok for a in accepted] == [True, True] and accepted[0].biz_id == accepted[1].biz_id
    assert loopback.actions() == ["SendBatchSms"]
    assert loopback.sent() == [("13900000001", "康宁大药房", {"name": "客户1"}),
                               ("13900000002", "康宁大药房", {"name": "客户2"})]
    assert loopback.calls[0].params["TemplateCode"] == "SMS_100000001"


@pytest.mark.parametrize("throttle", ["Throttling.User", "isv.BUSINESS_LIMIT_CONTROL"])
def test_flow_control_means_nothing_was_sent_and_the_batch_can_go_later(loopback, throttle):
    (loopback.throttle if throttle.startswith("Throttling") else loopback.answer_code)(throttle)
    with pytest.raises(ProviderThrottled) as raised:
        gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001"))
    assert raised.value.retry_after > 0 and loopback.sent() == []
    assert gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001"))[0].ok
    assert len(loopback.sent()) == 1


def test_a_refused_signature_fails_the_whole_batch_with_the_providers_code(loopback):
    loopback.answer_code("isv.SMS_SIGNATURE_ILLEGAL", "签名不合法")
    with pytest.raises(ProviderRejected) as raised:
        gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001", "13900000002"))
    assert (raised.value.code, raised.value.message) == ("isv.SMS_SIGNATURE_ILLEGAL", "签名不合法")
    assert loopback.actions() == ["SendBatchSms"]


def test_a_lost_answer_is_uncertain_and_the_call_is_never_repeated(loopback):
    loopback.hang_after_accepting()
    with pytest.raises(ProviderUncertain):
        gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001", "13900000002"))
    assert loopback.actions() == ["SendBatchSms"]  # the SDK did not retry behind our back


def test_one_refused_number_fails_alone_and_every_other_number_is_sent_once(loopback):
    loopback.refuse_number("13900000002")
    accepted = gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001", "13900000002", "13900000003"))
    assert [(a.mobile, a.ok, a.error_code) for a in accepted] == [
        ("13900000001", True, None), ("13900000002", False, "isv.MOBILE_NUMBER_ILLEGAL"), ("13900000003", True, None)]
    assert sorted(m for m, _, _ in loopback.sent()) == ["13900000001", "13900000003"]


def test_throttling_while_sending_one_by_one_leaves_the_rest_for_later(loopback):
    loopback.answer_code("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")  # the batch
    loopback.answer_code("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")  # 13900000001 alone
    loopback.throttle()  # 13900000002 alone
    accepted = gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001", "13900000002", "13900000003"))
    assert [a.error_code for a in accepted] == ["isv.MOBILE_NUMBER_ILLEGAL", NOT_SENT, NOT_SENT]
    assert loopback.actions() == ["SendBatchSms"] * 3 and loopback.sent() == []


def test_an_endpoint_that_refuses_connections_means_nothing_was_sent(loopback, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setenv("ALIYUN_SMS_ENDPOINT", f"127.0.0.1:{closed_port}")
    with pytest.raises(ProviderThrottled):
        gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001"))


def test_a_template_is_submitted_with_dollar_variables_and_its_review_is_read_back(loopback):
    code = gateway().submit_template("marketing", "会员日", "{name}您好，会员日全场九折")
    template = loopback.templates[code]
    assert (template["type"], template["content"]) == ("2", "${name}您好，会员日全场九折拒收请回复R")
    assert gateway().template_status(code, "2026-03-01T00:00:00Z") == ("pending", None)
    loopback.review(code, 2, "模板内容含营销用语，请提交推广短信类型")
    assert gateway().template_status(code, "2026-03-01T00:00:00Z") == (
        "rejected", "模板内容含营销用语，请提交推广短信类型")
    loopback.review(code, 1)
    assert gateway().template_status(code, "2026-03-01T00:00:00Z") == ("approved", None)


def test_a_notice_template_is_submitted_as_type_one_without_the_opt_out_suffix(loopback):
    code = gateway().submit_template("notice", "到店提醒", "{name}，您预订的药品已到店")
    assert (loopback.templates[code]["type"], loopback.templates[code]["content"]) == ("1", "${name}，您预订的药品已到店")


def test_a_login_code_goes_through_the_platform_signature_and_verification_template(loopback):
    send_sms("13900000009", "【精准营销云】您的登录验证码为 123456，5 分钟内有效。")
    [call] = loopback.calls
    assert (call.action, call.params["PhoneNumbers"], call.params["SignName"], call.params["TemplateCode"]) == (
        "SendSms", "13900000009", "精准营销云", "SMS_LOGIN_1")
    assert json.loads(call.params["TemplateParam"]) == {"code": "123456"}


def test_sns_publishes_each_composed_message_and_returns_its_message_id(aws, monkeypatch):
    monkeypatch.setenv("SMS_PROVIDER", "sns")
    accepted = gateway().send_batch("康宁大药房", TEMPLATE, messages("13900000001", "13900000002"))
    assert [a.ok for a in accepted] == [True, True] and len({a.biz_id for a in accepted}) == 2
    assert sent_sms() == [("+8613900000001", "【康宁大药房】客户1您好，会员日全场九折拒收请回复R"),
                          ("+8613900000002", "【康宁大药房】客户2您好，会员日全场九折拒收请回复R")]


def test_sns_fails_a_number_it_refuses_and_goes_on_with_the_others(aws, monkeypatch):
    monkeypatch.setenv("SMS_PROVIDER", "sns")
    accepted = gateway().send_batch("康宁", TEMPLATE, messages("13900000001", "1390000000x", "13900000003"))
    assert [a.ok for a in accepted] == [True, False, True] and accepted[1].error_code
    assert [number for number, _ in sent_sms()] == ["+8613900000001", "+8613900000003"]


def test_sns_still_carries_login_codes(aws, monkeypatch):
    monkeypatch.setenv("SMS_PROVIDER", "sns")
    send_sms("13900000009", "【精准营销云】您的登录验证码为 123456")
    assert sent_sms() == [("+8613900000009", "【精准营销云】您的登录验证码为 123456")]


def test_sns_templates_are_reviewed_locally(monkeypatch):
    monkeypatch.setenv("SMS_PROVIDER", "sns")
    monkeypatch.setenv("SMS_LOCAL_REVIEW_SECONDS", "0")
    provider = gateway()
    assert provider.name == "sns"
    code = provider.submit_template("marketing", "会员日", "头孢特价")
    assert provider.template_status(code, "2026-03-01T00:00:00Z")[0] == "rejected"
