"""Which fee notices a tenant is due today, from its fee state (a pure rule: no storage, no clock)."""
from dataclasses import dataclass

REMIND_DAYS = (15, 5)
GRACE, STOPPED = "grace", "stopped"
COVERED = ("trial", "active", "expiring")


@dataclass(frozen=True)
class Reminder:
    kind: str  # expiry_15, expiry_5, grace_started, service_stopped
    once: str  # the once-marker: at most one such notice per tenant, kind and this value
    sms: bool


def due(billing: dict, today: str, remind_days=REMIND_DAYS) -> list[Reminder]:
    """The notices due for a tenant whose state today is `billing` (billing_of()): a reminder on each of
    `remind_days` before expiry, and one while in grace or 已停用, keyed by the expiry day, so the once-marker
    sends it the first day the daily run finds the tenant there, however it got there (the days passing, a
    voided payment, a trial end moved back by staff)."""
    state, days_left = billing.get("state"), billing.get("days_left")
    if state in COVERED and days_left in tuple(remind_days):
        return [Reminder(f"expiry_{days_left}", today, True)]
    ended = billing.get("paid_until") or today
    if state == GRACE:
        return [Reminder("grace_started", ended, True)]
    if state == STOPPED:
        return [Reminder("service_stopped", ended, False)]
    return []


def notice_text(kind: str, billing: dict, phone: str) -> tuple[str, str]:
    """(title, body) of a fee notice; the body is also the SMS: short, no links."""
    paid_until, grace_ends = billing.get("paid_until") or "", billing.get("grace_ends") or ""
    if kind.startswith("expiry_"):
        days = kind.removeprefix("expiry_")
        return ("服务即将到期",
                f"贵企业的精准营销云服务将于 {paid_until} 到期（还有 {days} 天），请联系平台 {phone} 续费。")
    if kind == "grace_started":
        return ("服务已到期，进入宽限期",
                f"贵企业的服务已于 {paid_until} 到期，宽限期至 {grace_ends}，期间可正常使用；"
                f"宽限期后将暂停导入、分析和发送，请联系平台 {phone} 续费。")
    return ("服务已停用",
            f"贵企业的服务已于 {paid_until} 到期并已停用，数据仍保留；导入、分析和发送已暂停，"
            f"请联系平台 {phone} 续费后恢复。")


def digest_text(counts: dict) -> str | None:
    """The staff digest SMS of waiting work, or None when nothing waits."""
    parts = [("registrations", "注册待审核 {} 家"), ("profile_changes", "资料变更待审核 {} 家"),
             ("plans", "方案待审核 {} 个"), ("overdue_fees", "欠费企业 {} 家")]
    listed = [label.format(counts[name]) for name, label in parts if counts.get(name)]
    return f"今日待办：{'，'.join(listed)}。请登录管理端处理。" if listed else None
