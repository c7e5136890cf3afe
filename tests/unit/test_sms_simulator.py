"""The local SMS simulator: a seeded run is repeatable, shares are realistic, and only due messages get receipts."""
from local.sms_simulator import SmsSimulator, fate

SUBMITTED = "2026-01-01T00:00:00+00:00"
AT = 1767225600  # SUBMITTED as epoch seconds


class FakeLog:
    def __init__(self, count):
        self.items = [{"provider": "sns", "biz_id": f"b{n}", "mobile": f"139{n:08d}", "signature": "好药房",
                       "submitted_at": SUBMITTED} for n in range(count)]

    def submitted_without_receipt(self, limit):
        return self.items[:limit]


def run(now, count=2000, seed=1):
    posted = []
    simulator = SmsSimulator("http://api", seed=seed, post=lambda url, body: posted.append((url, body)),
                             now=lambda: now, messages=FakeLog(count))
    return simulator.tick(), posted


def test_a_message_has_the_same_fate_for_the_same_seed():
    message = {"biz_id": "b1", "mobile": "13900000001"}
    assert fate(3, message) == fate(3, message)
    assert len({fate(seed, message) for seed in range(50)}) > 1


def test_about_95_percent_are_delivered_and_about_3_percent_reply():
    fates = [fate(9, {"biz_id": f"b{n}", "mobile": "13900000001"}) for n in range(5000)]
    delivered = sum(f.delivered for f in fates) / len(fates)
    replied = sum(f.reply is not None for f in fates) / len(fates)
    assert 0.93 < delivered < 0.97 and 0.015 < replied < 0.045
    assert all(f.error for f in fates if not f.delivered) and all(2 <= f.delay <= 10 for f in fates)


def test_nothing_is_reported_before_two_seconds_and_everything_after_ten():
    assert run(AT + 1.9) == (0, [])
    count, posted = run(AT + 10)
    receipts = posted[0][1]
    assert count == len(receipts) == 500  # the default limit per pass
    assert posted[0][0].startswith("http://api/api/sms/callbacks/sns/report?token=")
    assert {"provider", "biz_id", "mobile", "delivered", "error_code", "error_message", "reported_at"} == set(receipts[0])
    replies = posted[1][1]
    assert posted[1][0].startswith("http://api/api/sms/callbacks/sns/reply?") and replies
    assert all(r["signature"] == "好药房" for r in replies)


def test_a_seeded_run_posts_the_same_receipts_twice():
    assert run(AT + 10, count=200)[1] == run(AT + 10, count=200)[1]
