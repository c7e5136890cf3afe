"""Receipts and replies on in-memory fakes: each receipt counts once, an opt-out reply opts out and counts once."""
from collections import Counter
from types import SimpleNamespace

import chalicelib.adapters.models  # noqa: F401  (sms_models must be imported through models: a cycle)
from chalicelib.services.campaigns import receipts, replies


class FakeMessages:
    """The message log; like the real one it counts on the campaign in the same write that moves a message."""

    def __init__(self):
        self.counts = Counter()
        self.items = {("t1", "c1", "A"): {"tenant_id": "t1", "campaign_id": "c1", "customer_code": "A",
                                          "status": "submitted", "mobile": "13900000001", "signature": "好药房",
                                          "biz_id": "b1", "provider": "sns", "replied": None}}

    def find_by_receipt(self, provider, biz_id, mobile):
        return next((dict(m) for m in self.items.values()
                     if (m["provider"], m["biz_id"], m["mobile"]) == (provider, biz_id, mobile)), None)

    def apply_receipt(self, tenant_id, campaign_id, code, delivered, error_code, error_message, at, parts=1):
        message = self.items[(tenant_id, campaign_id, code)]
        if message["status"] not in ("submitted", "unknown"):
            return False
        message["status"] = "delivered" if delivered else "failed"
        self.counts[(tenant_id, campaign_id, message["status"])] += 1
        return True

    def latest_to_mobile(self, mobile, signature=None):
        return next((dict(m) for m in self.items.values()
                     if m["mobile"] == mobile and signature in (None, m["signature"])), None)

    def record_reply(self, tenant_id, campaign_id, code, text, opting_out=False):
        message = self.items[(tenant_id, campaign_id, code)]
        first, message["replied"] = message["replied"] is None, message["replied"] or text
        if first and opting_out:
            self.counts[(tenant_id, campaign_id, "opted_out")] += 1
        return first


class FakeLedger:
    def __init__(self):
        self.entries = []

    def opt_out(self, tenant_id, entries):
        self.entries += [(tenant_id, entry) for entry in entries]


def receipt(delivered=True, biz_id="b1"):
    return SimpleNamespace(provider="sns", biz_id=biz_id, mobile="13900000001", delivered=delivered,
                           error_code=None if delivered else "MOBILE_NOT_ON_SERVICE",
                           error_message=None if delivered else "停机", reported_at="2026-11-30T10:00:00+00:00")


def reply(text, signature="好药房"):
    return SimpleNamespace(provider="sns", mobile="13900000001", text=text, signature=signature,
                           received_at="2026-11-30T10:01:00+00:00")


def test_a_receipt_delivered_twice_is_counted_once():
    messages = FakeMessages()
    results = [receipts.apply(receipt(), messages=messages) for _ in range(2)]
    assert results == [True, False]
    assert messages.counts == Counter({("t1", "c1", "delivered"): 1})


def test_a_failed_receipt_counts_as_failed():
    messages = FakeMessages()
    receipts.apply(receipt(delivered=False), messages=messages)
    assert messages.counts == Counter({("t1", "c1", "failed"): 1})


def test_a_receipt_for_an_unknown_message_changes_nothing():
    messages = FakeMessages()
    assert not receipts.apply(receipt(biz_id="nobody"), messages=messages)
    assert not messages.counts and messages.items[("t1", "c1", "A")]["status"] == "submitted"


def test_an_opt_out_reply_opts_the_number_out_and_counts_once():
    messages, ledger = FakeMessages(), FakeLedger()
    for _ in range(2):
        replies.apply(reply("R"), messages=messages, ledger=ledger)
    assert messages.counts == Counter({("t1", "c1", "opted_out"): 1})
    assert ledger.entries[0] == ("t1", {"mobile": "13900000001", "source": "reply", "source_ref": "c1", "by": "",
                                        "at": "2026-11-30T10:01:00+00:00"})


def test_a_friendly_reply_is_recorded_without_opting_out():
    messages, ledger = FakeMessages(), FakeLedger()
    assert not replies.apply(reply("好的谢谢"), messages=messages, ledger=ledger)
    assert messages.items[("t1", "c1", "A")]["replied"] == "好的谢谢"
    assert not ledger.entries and not messages.counts


def test_a_reply_under_another_signature_reaches_no_tenant():
    messages, ledger = FakeMessages(), FakeLedger()
    assert not replies.apply(reply("R", signature="别家药房"), messages=messages, ledger=ledger)
    assert not ledger.entries and not messages.counts
