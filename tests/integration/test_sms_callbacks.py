"""Provider callbacks: receipts count once, forged callbacks change nothing, an opt-out reply opts the number out,
and the local simulator's callbacks are what the routes accept."""
import pytest
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib import config
from chalicelib.adapters import campaign_store, message_log, opt_out_ledger
from chalicelib.services.campaigns import inbound
from local.sms_simulator import SmsSimulator
from tests.integration.campaign_report_helpers import codes, started_campaign
from tests.integration.helpers import approved_tenant
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (a fixture)

SIGNATURE = "好药房"


@pytest.fixture(autouse=True)
def callback_token(monkeypatch):
    """A deployed stage has no published token: the test's calls run with stage settings."""
    monkeypatch.setenv("SMS_CALLBACK_TOKEN", "test-callback-token")


def messages(tenant_id: str, campaign_id: str, count: int, prefix: str = "b") -> list[dict]:
    """Submitted SNS messages of a campaign, written as the campaign worker leaves them."""
    items = []
    for n, code in enumerate(codes("S", count)):
        mobile, biz_id = f"1390000{n:04d}", f"{prefix}{n}"
        items.append({"tenant_id": tenant_id, "campaign_id": campaign_id, "customer_code": code, "mobile": mobile,
                      "signature": SIGNATURE, "status": "submitted", "parts": 1, "provider": "sns", "biz_id": biz_id,
                      "receipt_key": message_log.receipt_key("sns", biz_id, mobile),
                      "claimed_at": "2026-01-01T02:00:00+00:00", "submitted_at": "2026-01-01T02:00:00+00:00"})
    message_log.write(items)
    return items


def receipt(message: dict, delivered: bool = True) -> dict:
    return {"provider": "sns", "biz_id": message["biz_id"], "mobile": message["mobile"], "delivered": delivered,
            "error_code": None if delivered else "MOBILE_NOT_ON_SERVICE", "error_message": None if delivered else "停机",
            "reported_at": "2026-01-01T02:00:09+00:00"}


def reply(message: dict, text: str) -> dict:
    return {"provider": "sns", "mobile": message["mobile"], "text": text, "signature": SIGNATURE,
            "received_at": "2026-01-01T02:05:00+00:00"}


def callback(api, kind: str, payload, token: str | None = None, provider: str = "sns"):
    token = config.sms_callback_token() if token is None else token
    return api.post(f"/api/sms/callbacks/{provider}/{kind}?token={token}", payload)


@pytest.fixture
def campaign(api):
    tenant_id, token = approved_tenant(api, 1)
    started_campaign(tenant_id, "c1", 0, codes("S", 3), [])
    return tenant_id, messages(tenant_id, "c1", 3)


def test_a_receipt_delivered_twice_is_counted_once(api, campaign):
    tenant_id, sent = campaign
    for _ in range(2):
        answer = callback(api, "report", [receipt(sent[0]), receipt(sent[1], delivered=False)])
        assert answer.status_code == 200, answer.data
    stored = campaign_store.get(tenant_id, "c1")
    assert (stored["delivered"], stored["failed"]) == (1, 1)
    failed = message_log.existing(tenant_id, "c1", ["S0001"])["S0001"]
    assert (failed["status"], failed["error_message"]) == ("failed", "停机")


def test_a_malformed_item_is_skipped_and_the_rest_of_the_push_applied(api, campaign):
    tenant_id, sent = campaign
    answer = callback(api, "report", [receipt(sent[0]), {"biz_id": "x"}, receipt(sent[1])])
    assert answer.status_code == 200, answer.data  # acknowledged: the provider would resend it all otherwise
    assert campaign_store.get(tenant_id, "c1")["delivered"] == 2
    assert callback(api, "report", [{"biz_id": "x"}]).status_code == 400  # nothing readable: refused


def test_a_receipt_whose_write_failed_moves_and_counts_nothing_and_its_redelivery_counts_it_once(
        api, campaign, monkeypatch):
    # Given DynamoDB failing the next transaction (the callback answers 500: the provider delivers it again)
    tenant_id, sent = campaign
    real_commit = TransactWrite._commit

    def failing_once(transaction):
        monkeypatch.setattr(TransactWrite, "_commit", real_commit)
        raise TransactWriteError("InternalServerError")

    monkeypatch.setattr(TransactWrite, "_commit", failing_once)
    assert callback(api, "report", [receipt(sent[0])]).status_code == 500

    # Then neither the message nor the campaign changed; the redelivery moves and counts it once
    assert message_log.existing(tenant_id, "c1", ["S0000"])["S0000"]["status"] == "submitted"
    assert campaign_store.get(tenant_id, "c1")["delivered"] == 0
    assert callback(api, "report", [receipt(sent[0])]).status_code == 200
    assert message_log.existing(tenant_id, "c1", ["S0000"])["S0000"]["status"] == "delivered"
    assert campaign_store.get(tenant_id, "c1")["delivered"] == 1


def test_a_forged_callback_is_refused_and_changes_nothing(api, campaign):
    tenant_id, sent = campaign
    for token in ("", "guessed"):
        answer = callback(api, "report", [receipt(sent[0])], token=token)
        assert answer.status_code == 401
        assert callback(api, "reply", [reply(sent[0], "R")], token=token).status_code == 401
    assert campaign_store.get(tenant_id, "c1")["delivered"] == 0
    assert message_log.existing(tenant_id, "c1", ["S0000"])["S0000"]["status"] == "submitted"
    assert not opt_out_ledger.is_opted_out(tenant_id, sent[0]["mobile"])


def test_an_unknown_provider_or_kind_is_not_found(api, campaign):
    assert callback(api, "report", [], provider="other").status_code == 404
    assert callback(api, "status", []).status_code == 404


def test_a_receipt_touches_only_the_message_its_biz_id_belongs_to(api, campaign):
    tenant_id, sent = campaign
    other_id, _ = approved_tenant(api, 2)
    started_campaign(other_id, "c1", 0, codes("S", 1), [])
    theirs = messages(other_id, "c1", 1, prefix="x")
    assert callback(api, "report", [receipt(theirs[0])]).status_code == 200
    assert campaign_store.get(other_id, "c1")["delivered"] == 1
    assert campaign_store.get(tenant_id, "c1")["delivered"] == 0
    assert message_log.existing(tenant_id, "c1", ["S0000"])["S0000"]["status"] == "submitted"


def test_an_opt_out_reply_opts_the_number_out_and_counts_once(api, campaign):
    tenant_id, sent = campaign
    for _ in range(2):
        assert callback(api, "reply", [reply(sent[0], "退订")]).status_code == 200
    assert opt_out_ledger.is_opted_out(tenant_id, sent[0]["mobile"])
    assert campaign_store.get(tenant_id, "c1")["opted_out"] == 1
    assert message_log.existing(tenant_id, "c1", ["S0000"])["S0000"]["replied"] == "退订"


def test_a_friendly_reply_is_kept_without_opting_out(api, campaign):
    tenant_id, sent = campaign
    assert callback(api, "reply", [reply(sent[1], "好的谢谢")]).status_code == 200
    assert not opt_out_ledger.is_opted_out(tenant_id, sent[1]["mobile"])
    assert campaign_store.get(tenant_id, "c1")["opted_out"] == 0


def test_the_same_receipt_arriving_at_once_is_counted_once(api, campaign, atomic_dynamodb):
    tenant_id, sent = campaign
    body = f'[{{"provider": "sns", "biz_id": "{sent[2]["biz_id"]}", "mobile": "{sent[2]["mobile"]}", ' \
           f'"delivered": true, "error_code": null, "error_message": null, ' \
           f'"reported_at": "2026-01-01T02:00:09+00:00"}}]'.encode()
    token = config.sms_callback_token()
    answers = all_at_once(*[lambda: inbound.receive("sns", "report", token, body)] * 6)
    assert not [answer for answer in answers if isinstance(answer, Exception)]
    assert campaign_store.get(tenant_id, "c1")["delivered"] == 1


def test_the_simulators_callbacks_move_every_due_message(api, aws):
    tenant_id, _ = approved_tenant(api, 1)
    started_campaign(tenant_id, "c1", 0, codes("S", 40), [])
    messages(tenant_id, "c1", 40)
    posted = []

    def post(url, payload):
        posted.append(url)
        answer = api.post(url.removeprefix("http://api"), payload)
        assert answer.status_code == 200, answer.data

    simulator = SmsSimulator("http://api", seed=7, post=post, now=lambda: 4_000_000_000)
    assert simulator.tick() == 40
    stored = campaign_store.get(tenant_id, "c1")
    assert stored["delivered"] + stored["failed"] == 40 and stored["delivered"] >= 30
    assert simulator.tick() == 0  # every message has its receipt
    assert all("/api/sms/callbacks/sns/" in url for url in posted)
