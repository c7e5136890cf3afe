"""Plan lifecycle: who may move a plan from which status."""
from chalicelib.errors import Conflict

PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
STATUSES = (PENDING, APPROVED, REJECTED, WITHDRAWN)
STATUS_LABELS = {PENDING: "待审核", APPROVED: "已通过", REJECTED: "已驳回", WITHDRAWN: "已撤回"}

# action -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    "approve": ((PENDING,), APPROVED),
    "reject": ((PENDING,), REJECTED),
    "resubmit": ((PENDING, REJECTED, WITHDRAWN), PENDING),  # the author edits and sends it for review again
    "withdraw": ((PENDING, APPROVED), WITHDRAWN),  # the author takes it back
    "take_down": ((APPROVED,), WITHDRAWN),  # 下架 by staff
    "restore": ((WITHDRAWN,), APPROVED),  # 重新上架: platform plans only
}
ACTION_LABELS = {"approve": "审核通过", "reject": "驳回", "resubmit": "修改并重新提交", "withdraw": "撤回",
                 "take_down": "下架", "restore": "重新上架"}
# The audit log names the thing too: 审核通过 alone would read as a tenant's review in the 操作 filter.
AUDIT_ACTIONS = {action: f"{label}方案" for action, label in ACTION_LABELS.items()}


def next_status(current: str, action: str) -> str:
    """The status after `action`, or Conflict when the action does not apply."""
    sources, target = TRANSITIONS[action]
    if current not in sources:
        raise Conflict(f"方案当前状态为“{STATUS_LABELS.get(current, current)}”，不能{ACTION_LABELS[action]}",
                       code="INVALID_TRANSITION")
    return target


def sources_of(action: str) -> tuple[str, ...]:
    """The statuses `action` may start from (the condition of its write)."""
    return TRANSITIONS[action][0]
