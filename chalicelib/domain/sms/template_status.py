"""SMS template review: pending until the provider approves or rejects it, then final."""
from chalicelib.errors import Conflict

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)
LABELS = {PENDING: "审核中", APPROVED: "已通过", REJECTED: "未通过"}


def decide(current: str, outcome: str) -> str:
    """The status after the provider's decision; only a pending template may be decided."""
    if outcome not in (APPROVED, REJECTED):
        raise Conflict(f"未知的审核结果：{outcome}", code="INVALID_TRANSITION")
    if current != PENDING:
        raise Conflict(f"模板当前为“{LABELS.get(current, current)}”，审核结果已确定，不能再改为"
                       f"“{LABELS[outcome]}”；如需修改请新建模板后重新提交审核", code="INVALID_TRANSITION")
    return outcome
