"""Which fee notices a tenant is due on a day, from its fee state (domain/reminders.py)."""
import pytest

from chalicelib.domain.reminders import Reminder, digest_text, due, notice_text

TODAY = "2026-12-01"


def billing(state: str, days_left=None, paid_until="2026-12-16", grace_ends=None) -> dict:
    return {"state": state, "days_left": days_left, "paid_until": paid_until, "grace_ends": grace_ends}


@pytest.mark.parametrize("state", ["trial", "active", "expiring"])
def test_fifteen_and_five_days_before_expiry_a_reminder_with_sms_is_due_once_that_day(state):
    assert due(billing(state, 15), TODAY) == [Reminder("expiry_15", TODAY, True)]
    assert due(billing(state, 5), TODAY) == [Reminder("expiry_5", TODAY, True)]


@pytest.mark.parametrize("days_left", [16, 14, 6, 4, 1, 0, None])
def test_other_days_before_expiry_are_quiet(days_left):
    assert due(billing("expiring", days_left), TODAY) == []


def test_the_reminder_days_come_from_the_settings():
    assert due(billing("active", 30), TODAY, remind_days=(30, 7)) == [Reminder("expiry_30", TODAY, True)]
    assert due(billing("active", 15), TODAY, remind_days=(30, 7)) == []


def test_in_grace_the_notice_is_keyed_by_the_expiry_day_so_it_goes_once_per_expiry():
    assert due(billing("grace", paid_until="2026-11-30"), TODAY) == [
        Reminder("grace_started", "2026-11-30", True)]
    assert due(billing("grace", paid_until="2026-11-30"), "2026-12-03") == [
        Reminder("grace_started", "2026-11-30", True)]


def test_being_stopped_sends_a_message_without_sms_keyed_by_the_expiry_day():
    assert due(billing("stopped", paid_until="2026-11-20"), TODAY) == [
        Reminder("service_stopped", "2026-11-20", False)]


def test_a_tenant_not_approved_gets_nothing():
    assert due(billing("none", paid_until=None), TODAY) == []


def test_notice_texts_name_the_dates_and_the_platform_number_without_links():
    title, body = notice_text("expiry_5", billing("expiring", 5), "400-800-1234")
    assert title == "服务即将到期" and "2026-12-16" in body and "还有 5 天" in body and "400-800-1234" in body
    _, grace = notice_text("grace_started", billing("grace", paid_until="2026-11-30", grace_ends="2026-12-07"), "400")
    assert "2026-11-30" in grace and "2026-12-07" in grace
    assert all("http" not in text and "/" not in text for text in (body, grace))


def test_the_digest_lists_only_waiting_work_and_is_none_when_nothing_waits():
    assert digest_text({"registrations": 2, "profile_changes": 0, "plans": 1, "overdue_fees": 3}) == \
        "今日待办：注册待审核 2 家，方案待审核 1 个，欠费企业 3 家。请登录管理端处理。"
    assert digest_text({"registrations": 0, "profile_changes": 0, "plans": 0, "overdue_fees": 0}) is None
