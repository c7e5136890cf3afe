"""Provider callbacks: receipts and replies read from Aliyun's and our SNS format; hostile bodies refused."""
import json

import pytest

from chalicelib.adapters.sms import callbacks
from chalicelib.errors import BadRequest

ALIYUN_REPORT = {"phone_number": "13900000001", "send_time": "2026-03-01 10:00:00",
                 "report_time": "2026-03-01 10:00:07", "success": False, "err_code": "MK:0001",
                 "err_msg": "用户关机", "sms_size": "1", "biz_id": "900619746936498440^0", "out_id": ""}
ALIYUN_UP = {"phone_number": "+8613900000002", "send_time": "2026-03-01 21:30:00", "content": "退订",
             "sign_name": "康宁大药房", "dest_code": "1234", "sequence_id": 1234567}


def body(items) -> bytes:
    return json.dumps(items, ensure_ascii=False).encode()


def test_an_aliyun_report_becomes_a_receipt_with_its_china_time_in_utc():
    [receipt] = callbacks.parse_reports("aliyun", body([ALIYUN_REPORT]))
    assert receipt == callbacks.Receipt("aliyun", "900619746936498440^0", "13900000001", False, "MK:0001",
                                        "用户关机", "2026-03-01T02:00:07Z")


def test_an_aliyun_report_with_success_as_text_is_read_as_a_boolean():
    [receipt] = callbacks.parse_reports("aliyun", body([ALIYUN_REPORT | {"success": "true"}]))
    assert receipt.delivered is True


def test_an_aliyun_reply_keeps_the_text_and_signature_and_drops_the_country_code():
    [reply] = callbacks.parse_replies("aliyun", body([ALIYUN_UP]))
    assert reply == callbacks.Reply("aliyun", "13900000002", "退订", "康宁大药房", "2026-03-01T13:30:00Z")


def test_the_sns_format_carries_the_receipt_fields_themselves():
    item = {"biz_id": "m-1", "mobile": "13900000003", "delivered": True, "error_code": None,
            "error_message": None, "reported_at": "2026-03-01T02:00:00+00:00"}
    [receipt] = callbacks.parse_reports("sns", body([item]))
    assert (receipt.biz_id, receipt.mobile, receipt.delivered, receipt.reported_at) == (
        "m-1", "13900000003", True, "2026-03-01T02:00:00Z")


def test_the_sns_reply_format_allows_an_empty_text_and_no_signature():
    item = {"mobile": "13900000003", "text": "", "signature": None, "received_at": "2026-03-01T02:00:00Z"}
    assert callbacks.parse_replies("sns", body([item]))[0].text == ""


def test_an_empty_list_is_no_receipts():
    assert callbacks.parse_reports("aliyun", b"[]") == []


@pytest.mark.parametrize("raw", [
    b"not json", b"", b'{"phone_number": "13900000001"}', b'["a"]', b"[" * 100000 + b"]" * 100000,
    b"\xff\xfe", body([ALIYUN_REPORT | {"success": "maybe"}]), body([ALIYUN_REPORT | {"biz_id": None}]),
    body([ALIYUN_REPORT | {"biz_id": {"$ne": 1}}]), body([ALIYUN_REPORT | {"phone_number": "<script>"}]),
    body([ALIYUN_REPORT | {"report_time": "yesterday"}]), body([ALIYUN_REPORT | {"success": 1}]),
], ids=["text", "empty", "object", "strings", "deep", "binary", "flag", "null id", "object id", "mobile",
        "time", "number flag"])
def test_a_body_that_is_not_the_agreed_json_is_a_bad_request(raw):
    with pytest.raises(BadRequest):
        callbacks.parse_reports("aliyun", raw)


def test_a_huge_body_is_refused_before_it_is_parsed():
    with pytest.raises(BadRequest, match="过大"):
        callbacks.parse_reports("aliyun", b" " * (callbacks.MAX_BODY + 1))


def test_too_many_items_are_refused():
    with pytest.raises(BadRequest):
        callbacks.parse_replies("aliyun", body([ALIYUN_UP] * (callbacks.MAX_ITEMS + 1)))


def test_an_unknown_provider_is_refused():
    with pytest.raises(BadRequest, match="未知"):
        callbacks.parse_reports("twilio", b"[]")


def test_a_very_long_field_is_cut_rather_than_stored_whole():
    [reply] = callbacks.parse_replies("aliyun", body([ALIYUN_UP | {"content": "好" * 5000}]))
    assert len(reply.text) == 1000


def test_only_the_configured_token_verifies(monkeypatch):
    monkeypatch.setenv("SMS_CALLBACK_TOKEN", "s3cret-token")
    assert callbacks.verify("s3cret-token")
    assert not callbacks.verify("s3cret-token ")
    assert not callbacks.verify("")
    assert not callbacks.verify(None)
    assert not callbacks.verify(["s3cret-token"])


def test_aliyun_is_answered_code_zero_so_it_stops_resending():
    assert callbacks.ack("aliyun") == {"code": 0, "msg": "成功"}
