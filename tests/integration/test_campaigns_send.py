"""Campaign sending in moto: every eligible customer once, whatever is redelivered, killed, throttled or paused."""
from datetime import timedelta

import pytest

from chalicelib.adapters import campaign_store, message_log, opt_out_ledger
from chalicelib.adapters.sms.errors import ProviderThrottled, ProviderUncertain
from chalicelib.services.campaigns import control
from tests.integration.campaign_helpers import (
    IN_WINDOW,
    TENANT,
    FakeProvider,
    draft,
    ready_tenant,
    receive_all,
    run_chunks,
)


def sent_campaign(rows: int = 250, holdout: float = 0.0) -> tuple[str, list[dict]]:
    ready_tenant(rows)
    campaign_id = draft(holdout=holdout)
    answer = control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    assert answer["status"] == "sending"
    return campaign_id, receive_all()


def test_a_sent_campaign_reaches_every_customer_once_and_ends_done(aws):
    campaign_id, chunks = sent_campaign(250)
    provider = FakeProvider()
    assert run_chunks(chunks, provider) == ["sent"] * 3
    assert len(provider.sent) == 250 and len(set(provider.sent)) == 250
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["planned"], campaign["sent"], campaign["chunks"]) == ("done", 250, 250, 3)
    assert all(m["status"] == "submitted" and m["receipt_key"] for m in message_log.page(TENANT, campaign_id))


def test_a_redelivered_chunk_sends_nothing_twice_and_counts_once(aws):
    campaign_id, chunks = sent_campaign(250)
    provider = FakeProvider()
    run_chunks(chunks + chunks, provider)
    assert len(provider.sent) == 250
    assert campaign_store.get(TENANT, campaign_id)["sent"] == 250


def test_a_worker_killed_between_claim_and_provider_call_is_never_resent_and_marked_unknown(aws):
    campaign_id, chunks = sent_campaign(100)

    def killed(_call, _messages):
        raise SystemExit("worker killed")

    with pytest.raises(SystemExit):
        run_chunks(chunks, FakeProvider(fail=killed))
    provider = FakeProvider()
    later = IN_WINDOW + timedelta(minutes=10)
    assert run_chunks(chunks, provider, at=later) == ["sent"]
    assert provider.sent == []
    assert {m["status"] for m in message_log.page(TENANT, campaign_id)} == {"unknown"}
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["unknown"], campaign["sent"]) == ("done", 100, 0)


def test_a_chunk_redelivered_while_its_worker_still_sends_waits_instead_of_marking_unknown(aws):
    campaign_id, chunks = sent_campaign(100)

    def killed(_call, _messages):
        raise SystemExit("worker killed")

    with pytest.raises(SystemExit):
        run_chunks(chunks, FakeProvider(fail=killed))
    with pytest.raises(Exception, match="being sent"):
        run_chunks(chunks, FakeProvider(), at=IN_WINDOW + timedelta(seconds=5))


def test_two_copies_of_a_chunk_at_once_send_each_message_once_and_the_one_that_finishes_last_counts_it(
        aws, monkeypatch):
    # A resume queues a chunk whose first copy is still queued: copy B reads the log before copy A claims, then
    # finds every message claimed. B must not count the chunk (that ended the campaign, sent 0, mid-send).
    campaign_id, chunks = sent_campaign(100)  # one chunk, sent in two provider calls of 50
    read_log = message_log.existing
    outcomes = []

    def copy_b_arrives(call, _messages):
        if call != 1:
            return
        reads = [{}]  # B's first read of the log: from before A's claim
        monkeypatch.setattr(message_log, "existing", lambda *args: reads.pop() if reads else read_log(*args))
        with pytest.raises(Exception, match="still sending"):
            run_chunks(chunks, provider)
        monkeypatch.setattr(message_log, "existing", read_log)
        outcomes.append(campaign_store.get(TENANT, campaign_id))

    provider = FakeProvider(fail=copy_b_arrives)
    assert run_chunks(chunks, provider) == ["sent"]
    assert (outcomes[0]["status"], outcomes[0]["chunks_done"]) == ("sending", 0)
    assert len(provider.sent) == 100 and len(set(provider.sent)) == 100
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["sent"]) == ("done", 100)
    assert run_chunks(chunks, provider) == ["dropped"]  # B's copy, back from the queue, finds the campaign done


def test_a_provider_timeout_after_accepting_is_recorded_unknown_and_counted_once(aws):
    campaign_id, chunks = sent_campaign(100)

    def timeout(_call, _messages):
        raise ProviderUncertain("read timed out")

    provider = FakeProvider(fail=timeout)
    run_chunks(chunks + chunks, provider)
    assert len(provider.offered) == 100 and len(set(provider.offered)) == 100
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["unknown"], campaign["sent"], campaign["status"]) == (100, 0, "done")


def test_a_throttled_chunk_is_retried_later_and_sent_once(aws):
    campaign_id, chunks = sent_campaign(100)

    def throttle_first(call, _messages):
        if call == 1:
            raise ProviderThrottled(2.0)

    provider, requeued = FakeProvider(fail=throttle_first), []
    assert run_chunks(chunks, provider, requeued=requeued) == ["throttled"]
    assert message_log.page(TENANT, campaign_id) == []  # claims released: nothing was sent
    assert run_chunks(requeued, provider) == ["sent"]
    assert len(provider.sent) == 100 and len(set(provider.sent)) == 100
    assert campaign_store.get(TENANT, campaign_id)["sent"] == 100


def test_pause_stops_sending_and_resume_sends_the_rest_exactly_once(aws):
    campaign_id, chunks = sent_campaign(250)
    provider = FakeProvider()
    run_chunks(chunks[:1], provider)
    control.pause(TENANT, campaign_id, "tester")
    assert run_chunks(chunks[1:], provider) == ["dropped", "dropped"]
    assert len(provider.sent) == 100
    assert control.resume(TENANT, campaign_id, "tester", IN_WINDOW)["status"] == "sending"
    requeued = receive_all()
    assert len(requeued) == 3
    run_chunks(requeued, provider)
    assert len(provider.sent) == 250 and len(set(provider.sent)) == 250
    assert campaign_store.get(TENANT, campaign_id)["status"] == "done"


def test_a_pause_while_a_chunk_is_under_way_stops_it_before_the_next_provider_call(aws):
    campaign_id, chunks = sent_campaign(100)  # one chunk, sent in two calls of 50 (the provider's rate)

    def pause_during_the_first_call(call, _messages):
        if call == 1:
            control.pause(TENANT, campaign_id, "tester")

    provider = FakeProvider(fail=pause_during_the_first_call)
    assert run_chunks(chunks, provider) == ["paused"]
    assert len(provider.sent) == 50
    assert len(message_log.page(TENANT, campaign_id)) == 50  # the unsent half's claims are released
    assert campaign_store.get(TENANT, campaign_id)["status"] == "paused"
    control.resume(TENANT, campaign_id, "tester", IN_WINDOW)
    run_chunks(receive_all(), provider)
    assert len(provider.sent) == 100 and len(set(provider.sent)) == 100
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["sent"]) == ("done", 100)


def test_a_campaign_paused_while_its_last_messages_went_out_ends_done_not_paused(aws):
    campaign_id, chunks = sent_campaign(100)

    def pause_during_the_last_call(call, _messages):
        if call == 2:
            control.pause(TENANT, campaign_id, "tester")

    assert run_chunks(chunks, FakeProvider(fail=pause_during_the_last_call)) == ["sent"]
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["sent"]) == ("done", 100)  # nothing was left to pause


def test_a_number_opted_out_after_planning_gets_nothing_and_its_message_says_why(aws):
    campaign_id, chunks = sent_campaign(100)
    late = "13800000007"
    opt_out_ledger.opt_out(TENANT, [{"mobile": late, "source": "reply", "by": "", "at": "2026-11-30T02:00:01+00:00"}])
    provider = FakeProvider()
    assert run_chunks(chunks + chunks, provider) == ["sent", "dropped"]  # the redelivery finds it done
    assert late not in provider.sent and len(provider.sent) == 99
    skipped = [m for m in message_log.page(TENANT, campaign_id) if m["mobile"] == late]
    assert [(m["status"], m["error_code"]) for m in skipped] == [("failed", "OPTED_OUT")]
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["sent"], campaign["failed"]) == ("done", 99, 1)


def test_held_out_customers_get_nothing_and_are_counted(aws):
    campaign_id, chunks = sent_campaign(400, holdout=0.2)
    provider = FakeProvider()
    run_chunks(chunks, provider)
    campaign = campaign_store.get(TENANT, campaign_id)
    assert 40 < campaign["held_out"] < 120
    assert len(provider.sent) == campaign["planned"] == 400 - campaign["held_out"]
