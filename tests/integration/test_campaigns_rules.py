"""Who a campaign may reach and when: exclusions on every path, one plan for parallel sends, the send window
and the clock, the spend guard, 生日关怀."""
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from chalicelib.adapters import campaign_plans, campaign_store, message_log, opt_out_ledger, sms_settings_store
from chalicelib.adapters.sms.callbacks import Receipt
from chalicelib.domain.customer_columns import day_number
from chalicelib.services.campaigns import birthday, clock, control, receipts, views
from chalicelib.services.campaigns.preview import preview
from tests.integration.campaign_helpers import (
    IN_WINDOW,
    TENANT,
    FakeProvider,
    customers,
    draft,
    ready_tenant,
    receive_all,
    run_chunks,
)
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (fixture)

NIGHT = datetime(2026, 11, 30, 13, 0, tzinfo=timezone.utc)  # 21:00 China time
NEXT_MORNING = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)  # 08:00 China time


def test_opted_out_unconsenting_and_capped_customers_get_nothing(aws):
    consent = np.ones(200, dtype=bool)
    consent[:10] = False
    columns = ready_tenant(200, sms_consent=consent)
    opted = [str(m) for m in columns["mobile"][10:15]]
    opt_out_ledger.opt_out(TENANT, [{"mobile": m, "source": "manual", "source_ref": "", "by": "t",
                                     "at": "2026-11-01T00:00:00+00:00"} for m in opted])
    first = draft()
    check = preview(TENANT, first, now=IN_WINDOW)
    assert (check["excluded"]["no_consent"], check["excluded"]["opted_out"], check["recipients"]) == (10, 5, 185)
    control.send(TENANT, first, "tester", IN_WINDOW)
    provider = FakeProvider()
    run_chunks(receive_all(), provider)
    assert len(provider.sent) == 185 and not set(opted) & set(provider.sent)
    assert not set(columns["mobile"][:10].tolist()) & set(provider.sent)
    second = draft()  # the same customers again the same week: the frequency cap (1 in 7 days) leaves nobody
    again = preview(TENANT, second, now=IN_WINDOW)
    assert again["excluded"]["frequency_cap"] == 185 and again["recipients"] == 0
    assert [b["code"] for b in again["blocking"]] == ["NO_RECIPIENTS"]


def test_each_recipients_own_values_set_its_parts_and_cost_and_none_adds_a_link_or_a_signature(aws):
    names = np.array(["王小明", "长" * 50, "www.evil.cn/x", "【工商银行】王"])
    columns = ready_tenant(4, name=names)
    campaign_id = draft()
    check = preview(TENANT, campaign_id, now=IN_WINDOW)  # 26 characters around {name}: one part up to 44 more
    assert (check["parts_min"], check["parts_per_message"], check["parts_total"]) == (1, 2, 5)
    assert check["estimated_cost_yuan"] == "0.28"  # 5 parts × ¥0.055
    assert {n["code"]: n["count"] for n in check["value_notes"]} == {"LINK_IN_VALUE": 1, "BRACKET_IN_VALUE": 1}
    assert all("www." not in s["text"] and s["text"].count("【") == 1 for s in check["samples"])
    control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    provider = FakeProvider()
    run_chunks(receive_all(), provider)
    mobiles = [str(m) for m in columns["mobile"]]
    assert [provider.params[m]["name"] for m in mobiles] == ["王小明", "长" * 50, "", "工商银行王"]
    logged = {m["mobile"]: m["parts"] for m in message_log.page(TENANT, campaign_id)}
    assert [logged[m] for m in mobiles] == [1, 2, 1, 1]
    assert campaign_store.get(TENANT, campaign_id)["parts"] == 2
    for message in message_log.page(TENANT, campaign_id):  # every one delivered: the cost is each one's parts
        receipts.apply(Receipt("fake", message["biz_id"], message["mobile"], True, None, None, "2026-11-30T02:01:00Z"))
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["delivered"], views.delivered_parts(campaign), views.cost_yuan(campaign)) == (4, 5, "0.28")


def test_the_base_rate_is_the_share_who_bought_within_30_days_of_the_newest_order(aws):
    today = day_number("2026-11-30")
    days = np.array([today, today - 5, today - 29, today - 30, today - 100] * 40, dtype=np.int32)
    ready_tenant(200, last_order_day=days)
    check = preview(TENANT, draft(holdout=0.3), now=IN_WINDOW)
    assert check["base_rate"] == 0.6  # every customer has many orders: the old "two or more orders" said 1.0
    assert 0 < check["min_detectable_lift"] < 0.4
    days[0] = today + 40  # one order dated in the future does not move the window
    customers(200, last_order_day=days)
    assert preview(TENANT, draft(holdout=0.3), now=IN_WINDOW)["base_rate"] == pytest.approx(119 / 200)


def test_eight_parallel_sends_of_one_campaign_plan_it_once(aws, atomic_dynamodb):
    ready_tenant(150)
    campaign_id = draft()
    answers = all_at_once(*[lambda: control.send(TENANT, campaign_id, "tester", IN_WINDOW)] * 8)
    assert sum(isinstance(a, dict) for a in answers) == 1
    assert len(receive_all()) == 2  # one plan of 150 recipients: two chunks queued once


def test_two_campaigns_sent_at_once_still_give_each_customer_at_most_one_message_a_week(aws, atomic_dynamodb):
    # Given 150 customers and two campaigns to all of them, under the default cap of one marketing SMS in 7 days
    ready_tenant(150)
    first, second = draft(), draft()

    # When both are sent at the same moment
    answers = all_at_once(lambda: control.send(TENANT, first, "tester", IN_WINDOW),
                          lambda: control.send(TENANT, second, "tester", IN_WINDOW))

    # Then the one planned second saw the first's plan: nobody is planned twice, and it stops with the reason —
    # paused when both passed the pre-send check together, refused (nobody left to send to) when the second's check
    # already saw the first's plan
    outcomes = sorted(answer["status"] if isinstance(answer, dict) else answer.code for answer in answers)
    assert outcomes in (["paused", "sending"], ["CAMPAIGN_BLOCKED", "sending"]), answers
    planned = [campaign_store.get(TENANT, campaign_id)["planned"] for campaign_id in (first, second)]
    assert sorted(planned) == [0, 150]
    assert sum(len(chunk["recipients"]) for chunk in receive_all()) == 150


def test_a_planner_that_died_before_queueing_is_replaced_by_the_clock_after_its_lease(aws, monkeypatch):
    from chalicelib.services.campaigns import planning

    ready_tenant(150)
    campaign_id = draft()

    def dies(*_args, **_kwargs):
        raise SystemExit("killed while queueing")

    with monkeypatch.context() as patched, pytest.raises(SystemExit):
        patched.setattr(planning, "queue_plan", dies)
        control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    assert receive_all() == [] and campaign_store.get(TENANT, campaign_id)["planned"] == 150
    assert clock.tick(IN_WINDOW) == []  # the lease still runs
    later = IN_WINDOW + control.PLAN_LEASE + timedelta(seconds=1)
    assert clock.tick(later) == [campaign_id]
    provider = FakeProvider()
    run_chunks(receive_all(), provider, at=later)
    assert len(provider.sent) == 150
    assert campaign_store.get(TENANT, campaign_id)["status"] == "done"


def test_a_send_at_night_waits_for_eight_and_the_clock_starts_it(aws):
    ready_tenant(120)
    campaign_id = draft()
    answer = control.send(TENANT, campaign_id, "tester", NIGHT)
    assert answer["status"] == "scheduled" and answer["next_start"] == NEXT_MORNING.isoformat()
    assert "08:00" in answer["status_note"]
    assert clock.tick(NIGHT) == [] and receive_all() == []
    assert clock.tick(NEXT_MORNING) == [campaign_id]
    provider = FakeProvider()
    run_chunks(receive_all(), provider, at=NEXT_MORNING)
    assert len(provider.sent) == 120
    assert campaign_store.get(TENANT, campaign_id)["status"] == "done"


def test_a_campaign_with_a_send_time_waits_for_it_and_the_clock_starts_it_then(aws):
    ready_tenant(30)
    later = datetime(2026, 11, 30, 6, 30, tzinfo=timezone.utc)  # 14:30 China time
    campaign_id = draft(send_at=later.isoformat())
    answer = control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    assert answer["status"] == "scheduled" and answer["status_note"].startswith("定时发送")
    assert clock.tick(IN_WINDOW) == [] and receive_all() == []
    assert clock.tick(later) == [campaign_id]
    provider = FakeProvider()
    run_chunks(receive_all(), provider, at=later)
    assert len(provider.sent) == 30


def test_chunks_reaching_the_window_end_wait_for_the_next_morning(aws):
    ready_tenant(100)
    campaign_id = draft()
    control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    chunks = receive_all()
    assert run_chunks(chunks, FakeProvider(), at=NIGHT) == ["waiting"]
    campaign = campaign_store.get(TENANT, campaign_id)
    assert (campaign["status"], campaign["due_at"]) == ("scheduled", NEXT_MORNING.isoformat())
    clock.tick(NEXT_MORNING)
    provider = FakeProvider()
    run_chunks(receive_all(), provider, at=NEXT_MORNING)
    assert len(provider.sent) == 100


def test_the_spend_guard_stops_before_a_daily_cap_of_150_is_exceeded(aws):
    ready_tenant(300)
    sms_settings_store.update(TENANT, {"daily_cap": 150}, "platform")
    campaign_id = draft()
    check = preview(TENANT, campaign_id, now=IN_WINDOW)
    assert "OVER_CAP" in [b["code"] for b in check["blocking"]]
    sms_settings_store.update(TENANT, {"daily_cap": 1000}, "platform")
    control.send(TENANT, campaign_id, "tester", IN_WINDOW)
    sms_settings_store.update(TENANT, {"daily_cap": 150}, "platform")  # the platform lowers it mid-send
    provider = FakeProvider()
    assert run_chunks(receive_all(), provider) == ["sent", "capped", "dropped"]
    assert len(provider.sent) == 100
    campaign = campaign_store.get(TENANT, campaign_id)
    assert campaign["status"] == "paused" and "上限" in campaign["status_note"]


def test_birthday_campaign_reaches_todays_birthdays_once_a_day(aws):
    birthdays = np.full(50, day_number("1980-03-15"), dtype=np.int32)
    birthdays[:9] = day_number("1990-11-30")
    consent = np.ones(50, dtype=bool)
    consent[7] = False  # two of the nine: one without consent, one opted out
    columns = ready_tenant(50, birthday=birthdays, sms_consent=consent)
    opt_out_ledger.opt_out(TENANT, [{"mobile": str(columns["mobile"][8]), "source": "reply", "source_ref": "",
                                     "by": "", "at": "2026-11-01T00:00:00+00:00"}])
    sms_settings_store.update(TENANT, {"birthday_enabled": True, "birthday_template_id": "tpl1"}, "t")
    morning = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
    assert birthday.run(morning) == [TENANT]
    assert birthday.run(morning) == []  # the schedule firing twice makes no second campaign
    provider = FakeProvider()
    run_chunks(receive_all(), provider, at=morning)
    assert sorted(provider.sent) == sorted(columns["mobile"][:7].tolist())
    plan = campaign_plans.read(TENANT, f"birthday-{date(2026, 11, 30)}")
    assert (plan["group"] == 0).all()  # no control group on birthdays


def test_a_day_without_birthdays_leaves_a_finished_campaign_saying_so_not_a_draft(aws):
    ready_tenant(20, birthday=np.full(20, day_number("1980-03-15"), dtype=np.int32))
    sms_settings_store.update(TENANT, {"birthday_enabled": True, "birthday_template_id": "tpl1"}, "t")
    assert birthday.run(datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)) == []
    campaign = campaign_store.get(TENANT, "birthday-2026-11-30")
    assert campaign["status"] == "done" and "没有可以发送的客户" in campaign["status_note"]
    assert receive_all() == []
