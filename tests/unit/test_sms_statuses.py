"""Template review outcomes and how a sent SMS's status is shown."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.sms import message_status, template_status
from chalicelib.errors import Conflict

SUBMITTED_AT = "2026-03-02T04:00:00+00:00"
SUBMITTED = datetime(2026, 3, 2, 4, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("outcome", ["approved", "rejected"])
def test_a_pending_template_takes_the_providers_decision(outcome):
    assert template_status.decide("pending", outcome) == outcome


@pytest.mark.parametrize("current", ["approved", "rejected"])
def test_a_decided_template_cannot_be_decided_again(current):
    with pytest.raises(Conflict, match="新建模板"):
        template_status.decide(current, "approved")


def test_an_unknown_review_outcome_is_refused():
    with pytest.raises(Conflict, match="未知"):
        template_status.decide("pending", "pending")


def test_template_statuses_have_chinese_labels():
    assert template_status.LABELS == {"pending": "审核中", "approved": "已通过", "rejected": "未通过"}


def test_a_submitted_sms_without_receipt_for_more_than_72_hours_shows_no_receipt():
    assert message_status.shown("submitted", SUBMITTED_AT, SUBMITTED + timedelta(hours=72)) == "submitted"
    assert message_status.shown("submitted", SUBMITTED_AT, SUBMITTED + timedelta(hours=72, seconds=1)) == "no_receipt"
    assert message_status.LABELS["no_receipt"] == "无回执"


@pytest.mark.parametrize("status", ["sending", "delivered", "failed", "unknown"])
def test_other_statuses_are_shown_as_they_are_however_old(status):
    assert message_status.shown(status, SUBMITTED_AT, SUBMITTED + timedelta(days=30)) == status


def test_a_submitted_sms_without_a_submit_time_keeps_its_status():
    assert message_status.shown("submitted", None, SUBMITTED + timedelta(days=30)) == "submitted"


def test_the_72_hours_count_across_zones_and_z_suffixes():
    assert message_status.shown("submitted", "2026-03-02T04:00:00Z",
                                datetime(2026, 3, 5, 12, 0, 1, tzinfo=timezone(timedelta(hours=8)))) == "no_receipt"
    assert message_status.shown("submitted", "2026-03-02T04:00:00", datetime(2026, 3, 5, 4, 0)) == "submitted"
