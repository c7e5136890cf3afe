"""Import job lifecycle: which step moves a job from which status."""
from chalicelib.errors import Conflict

WAITING_UPLOAD, QUEUED, RUNNING = "waiting_upload", "queued", "running"
COMPLETED, REJECTED, FAILED, ROLLED_BACK, EXPIRED = "completed", "rejected", "failed", "rolled_back", "expired"
STATUSES = (WAITING_UPLOAD, QUEUED, RUNNING, COMPLETED, REJECTED, FAILED, ROLLED_BACK, EXPIRED)
STATUS_LABELS = {
    WAITING_UPLOAD: "等待上传", QUEUED: "排队中", RUNNING: "导入中", COMPLETED: "已完成",
    REJECTED: "有错误，未导入", FAILED: "导入失败", ROLLED_BACK: "已回滚", EXPIRED: "已过期",
}
# Statuses a file (or a redelivered event) may still be imported from.
OPEN_STATUSES = (WAITING_UPLOAD, QUEUED, RUNNING)
FINISHED_STATUSES = tuple(status for status in STATUSES if status not in OPEN_STATUSES)

# step -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    "queue": ((WAITING_UPLOAD,), QUEUED),  # the tenant's other import holds the lease: wait
    "start": (OPEN_STATUSES, RUNNING),  # RUNNING too: a retried delivery runs it again
    "complete": ((RUNNING,), COMPLETED),
    "reject": (OPEN_STATUSES, REJECTED),  # the whole file refused (before the run, or by it)
    "fail": (OPEN_STATUSES, FAILED),  # gave up: retries spent, or waited too long for the lease
    "give_up_waiting": ((WAITING_UPLOAD, QUEUED), FAILED),  # only a job nobody runs
    "roll_back": ((COMPLETED,), ROLLED_BACK),
    "expire": ((WAITING_UPLOAD,), EXPIRED),  # the file never arrived (housekeeping, after 24 h)
}
STEP_LABELS = {"queue": "排队", "start": "开始导入", "complete": "完成", "reject": "拒绝", "fail": "标记失败",
               "give_up_waiting": "停止等待", "roll_back": "回滚", "expire": "过期"}

EXPIRED_MESSAGE = "24 小时内未收到上传的文件，本次导入已过期，未导入任何数据。请重新上传文件。"
LATE_FILE_MESSAGE = "文件在本次导入过期后才到达（上传期限 24 小时），未导入任何数据。请重新上传文件。"


def sources(step: str) -> tuple[str, ...]:
    """The statuses `step` may start from (a store's conditional write checks them)."""
    return TRANSITIONS[step][0]


def target(step: str) -> str:
    return TRANSITIONS[step][1]


def next_status(current: str, step: str) -> str:
    """The status after `step`, or Conflict when the step does not apply."""
    if step not in TRANSITIONS:
        raise Conflict(f"未知操作：{step}")
    allowed, to = TRANSITIONS[step]
    if current not in allowed:
        raise Conflict(f"导入记录当前为“{STATUS_LABELS.get(current, current)}”，不能{STEP_LABELS[step]}",
                       code="INVALID_TRANSITION")
    return to


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES
