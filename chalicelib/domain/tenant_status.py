"""Tenant review lifecycle: which staff action moves a tenant from which status."""
from chalicelib.errors import Conflict

PENDING, APPROVED, REJECTED, DISABLED = "pending", "approved", "rejected", "disabled"
STATUSES = (PENDING, APPROVED, REJECTED, DISABLED)
STATUS_LABELS = {PENDING: "待审核", APPROVED: "已通过", REJECTED: "未通过", DISABLED: "已禁用"}

# action -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    "approve": ((PENDING, REJECTED), APPROVED),
    "reject": ((PENDING,), REJECTED),
    "disable": ((APPROVED,), DISABLED),
    "enable": ((DISABLED,), APPROVED),
}
ACTION_LABELS = {"approve": "审核通过", "reject": "审核不通过", "disable": "禁用", "enable": "重新启用"}

LOGIN_REFUSALS = {
    PENDING: ("TENANT_PENDING", "您的企业注册正在审核中，审核通过后客服会电话通知您，请耐心等待"),
    REJECTED: ("TENANT_REJECTED", "您的企业注册未通过审核{reason}。请修改资料后联系客服或重新注册"),
    DISABLED: ("TENANT_DISABLED", "您的企业账号已被禁用，如有疑问请联系平台客服"),
}


def next_status(current: str, action: str) -> str:
    """The status after `action`, or Conflict when the action does not apply."""
    if action not in TRANSITIONS:
        raise Conflict(f"未知操作：{action}")
    sources, target = TRANSITIONS[action]
    if current not in sources:
        raise Conflict(
            f"当前状态为“{STATUS_LABELS.get(current, current)}”，不能执行“{ACTION_LABELS[action]}”",
            code="INVALID_TRANSITION",
        )
    return target


def login_refusal(status: str, reason: str = "") -> tuple[str, str] | None:
    """(code, message) when a tenant in `status` may not log in, else None."""
    if status == APPROVED:
        return None
    code, message = LOGIN_REFUSALS.get(status, ("TENANT_UNAVAILABLE", "企业账号不可用，请联系平台客服"))
    return code, message.format(reason=f"（原因：{reason}）" if reason else "")
