"""Deleting a tenant's data: requested with the company name and the admin's password, then 7 days of
cooling-off (cancellable) before the daily run queues it for the data-job worker (services/tenant_data/purge)."""
import secrets
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters import audit_log, data_job_store, queues, user_store
from chalicelib.clock import time_id
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import login_limits
from chalicelib.services.tenant_data.jobs import CHINA, tenant_or_404, view

COOLING_OFF = timedelta(days=7)


def current(tenant_id: str) -> dict | None:
    """The open deletion request (cooling off or under way), or None."""
    job = data_job_store.open_job(tenant_id, "deletion")
    return view(job) if job is not None else None


def request(tenant_id: str, company_name: str, password: str, actor: str, now: datetime | None = None) -> dict:
    """Start the cooling-off; the name must be typed exactly and the password must be the admin's own."""
    tenant = tenant_or_404(tenant_id)
    problems = []
    if (company_name or "").strip() != tenant.company_name:
        problems.append({"field": "company_name", "message": "企业名称与要删除的企业不一致，请完整输入企业全称"})
    now = now or datetime.now(timezone.utc)
    admin = user_store.get(actor)
    wrong = login_limits.wrong_confirmation(actor, admin.password_hash if admin else None, password,
                                            int(now.timestamp()))
    if wrong:
        problems.append({"field": "password", "message": wrong})
    if problems:
        raise ValidationFailed("请核对企业名称和您的登录密码", problems)
    due = (now + COOLING_OFF).isoformat(timespec="seconds")
    job = data_job_store.create(tenant_id, time_id(secrets.token_hex(3)), "deletion", actor, due_at=due)
    if job is None:
        raise Conflict("该企业已有一个删除申请，请勿重复提交", code="DELETION_PENDING")
    shown = datetime.fromisoformat(due).astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
    audit_log.record_tenant(tenant_id, actor, "申请删除企业数据", f"冷静期 7 天，将于 {shown} 删除")
    return view(job)


def cancel(tenant_id: str, actor: str) -> dict:
    """Withdraw the request while it is still cooling off."""
    tenant_or_404(tenant_id)
    job = data_job_store.open_job(tenant_id, "deletion")
    if job is None:
        raise NotFound("该企业没有待执行的删除申请")
    if not data_job_store.move(job, "cancelled", ("cooling",)):
        now = data_job_store.get(tenant_id, job.job_id)
        if now is None or now.status == "cancelled":  # a second click, or another staff member, was first
            raise NotFound("该删除申请已被撤销")
        raise Conflict("冷静期已结束，删除已开始，无法撤销", code="DELETION_STARTED")
    data_job_store.close(tenant_id, "deletion", job.job_id)
    audit_log.record_tenant(tenant_id, actor, "撤销删除企业数据", f"申请 {job.job_id}")
    return view(job)  # the move left the record as stored


def _send(job) -> None:
    queues.send(config.data_job_queue_url(), {"kind": "deletion", "tenant_id": job.tenant_id, "job_id": job.job_id})


def queue_due(due: datetime, *, jobs=data_job_store, send=_send) -> int:
    """Queue every deletion whose cooling-off ended by `due` (a queued one again: its message may be lost);
    how many were queued."""
    queued = 0
    for job in jobs.deletions_due(due.astimezone(timezone.utc).isoformat(timespec="seconds")):
        if job.job_id.startswith(jobs.MARKER):
            continue
        if job.status == "queued" or jobs.move(job, "queued", ("cooling",)):
            send(job)
            queued += 1
    return queued
