"""Campaign lifecycle: which event moves a campaign from which status."""
import pytest

from chalicelib.domain.campaigns.status import LABELS, STATUSES, TRANSITIONS, next_status
from chalicelib.errors import Conflict

ALLOWED = {
    ("draft", "schedule"): "scheduled", ("draft", "start"): "sending", ("scheduled", "start"): "sending",
    ("scheduled", "pause"): "paused", ("sending", "pause"): "paused", ("paused", "resume"): "sending",
    ("sending", "wait_window"): "scheduled", ("sending", "finish"): "done", ("paused", "finish"): "done",
    ("draft", "send"): "sending",
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("event", list(TRANSITIONS))
def test_each_event_applies_only_from_its_statuses(status, event):
    if (status, event) in ALLOWED:
        assert next_status(status, event) == ALLOWED[(status, event)]
    else:
        with pytest.raises(Conflict, match="不能") as refused:
            next_status(status, event)
        assert refused.value.code == "INVALID_TRANSITION"


def test_a_refusal_names_the_current_status_and_what_would_allow_it():
    with pytest.raises(Conflict) as refused:
        next_status("done", "pause")
    assert "已完成" in refused.value.message and "发送中" in refused.value.message


def test_a_done_campaign_is_final():
    for event in TRANSITIONS:
        with pytest.raises(Conflict):
            next_status("done", event)


def test_an_unknown_event_is_refused():
    with pytest.raises(Conflict, match="未知操作"):
        next_status("draft", "delete")


def test_every_status_has_its_chinese_label():
    assert LABELS == {"draft": "草稿", "scheduled": "待发送", "sending": "发送中", "paused": "已暂停", "done": "已完成"}


def test_sending_a_campaign_that_is_not_a_draft_names_the_action_send():
    with pytest.raises(Conflict) as refused:
        next_status("sending", "send")
    assert refused.value.message == "活动当前为“发送中”，不能发送；只有“草稿”的活动可以发送"
