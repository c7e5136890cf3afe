"""Campaign lifecycle: which event moves a campaign from which status.

A campaign waits in "scheduled" both for its send time and, mid-send, for the next send window
("wait_window"); "resume" always goes back to "sending" and the sender decides whether to wait.
"""
from chalicelib.errors import Conflict

DRAFT, SCHEDULED, SENDING, PAUSED, DONE = "draft", "scheduled", "sending", "paused", "done"
STATUSES = (DRAFT, SCHEDULED, SENDING, PAUSED, DONE)
LABELS = {DRAFT: "草稿", SCHEDULED: "待发送", SENDING: "发送中", PAUSED: "已暂停", DONE: "已完成"}

# event -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    "send": ((DRAFT,), SENDING),  # the user's 发送: now, or (a send time, the window) scheduled
    "schedule": ((DRAFT,), SCHEDULED),
    "start": ((DRAFT, SCHEDULED), SENDING),
    "pause": ((SCHEDULED, SENDING), PAUSED),
    "resume": ((PAUSED,), SENDING),
    "wait_window": ((SENDING,), SCHEDULED),
    "finish": ((SENDING, PAUSED), DONE),  # paused after its last message went out: nothing is left to send
}
EVENT_LABELS = {"send": "发送", "schedule": "定时发送", "start": "开始发送", "pause": "暂停", "resume": "继续发送",
                "wait_window": "等待发送时段", "finish": "完成发送"}
# Statuses in which a campaign still holds its template and recipients (its template may not be deleted).
ACTIVE = (DRAFT, SCHEDULED, SENDING, PAUSED)


def next_status(current: str, event: str) -> str:
    """The status after `event`, or Conflict when the event does not apply to `current`."""
    if event not in TRANSITIONS:
        raise Conflict(f"未知操作：{event}")
    sources, target = TRANSITIONS[event]
    if current not in sources:
        allowed = "、".join(f"“{LABELS[status]}”" for status in sources)
        raise Conflict(f"活动当前为“{LABELS.get(current, current)}”，不能{EVENT_LABELS[event]}；"
                       f"只有{allowed}的活动可以{EVENT_LABELS[event]}", code="INVALID_TRANSITION")
    return target
