"""The deletion itself (data-job worker): every item of the tenant in every table but the audit log, and every
object under its S3 prefixes; idempotent, so a retry after a crash finishes the job. Then the certificate."""
import json
from datetime import datetime

from chalicelib.adapters import audit_log, data_job_store, notification_store, tenant_store, user_store
from chalicelib.adapters import tenant_items as items
from chalicelib.clock import now_iso
from chalicelib.services.tenant_data.jobs import CHINA
from chalicelib.services.tenant_data.prefixes import buckets, delete_keys, delete_prefix, tenant_prefixes
from chalicelib.services.tenant_data.sheets import TABLE_LABELS

# Dependents before what leads to them (messages before campaigns, everything before the logins and the tenant),
# so a crash part-way leaves what the next attempt needs to find the rest.
# Each step takes the plan (_plan) and answers how many items it deleted (or {table: count}).
STEPS = [("短信记录", lambda p: items.delete_messages(p["tenant_id"], p["campaigns"])),
         ("方案使用与效果", lambda p: items.delete_plan_rows(p["tenant_id"], p["plans"])),
         ("企业提交的方案", lambda p: items.delete_plans(p["plans"])),
         ("企业数据表", lambda p: items.delete_by_tenant_key(p["tenant_id"])),
         ("营销活动", lambda p: items.delete_campaigns(p["tenant_id"])),
         ("接口密钥", lambda p: items.delete_api_keys(p["tenant_id"])),
         ("验证码", lambda p: items.delete_challenges(p["usernames"])),
         ("锁与防护记录", lambda p: items.delete_locks(p["tenant_id"], p["usernames"], p.get("license_no"))),
         ("站内消息", lambda p: notification_store.delete_for_tenant(p["tenant_id"], p["usernames"])
          + notification_store.delete_mentions(p["tenant_id"])),
         ("统计计数", lambda p: items.delete_counters(p["tenant_id"]))]
LAST_STEPS = [("账号", lambda p: items.delete_logins(p["usernames"])),
              ("企业", lambda p: items.delete_tenant(p["tenant_id"])),
              ("数据任务", lambda p: items.delete_data_jobs(p["tenant_id"], but=p["job_id"]))]


def _label(name: str) -> str:
    """A step's count in the certificate: a table by its Chinese name (as the export's sheets), a file prefix."""
    if name.startswith("s3://"):
        return f"文件 {name}"
    return TABLE_LABELS.get(name, name)


def _plan(job) -> dict:
    """What to delete, noted on the job before anything goes, so a retry finds the logins and campaigns again."""
    detail = json.loads(job.detail) if job.detail else {}
    if "plan" in detail:
        return detail
    tid, tenant = job.tenant_id, tenant_store.get(job.tenant_id)
    plan = {"tenant_id": tid, "job_id": job.job_id,
            "company_name": tenant.company_name if tenant else "", "license_no": tenant.license_no if tenant else "",
            "license_image_key": tenant.license_image_key if tenant else None,
            "usernames": [user.username for user in user_store.tenant_users(tid)],
            "campaigns": items.campaign_ids(tid), "plans": items.authored_plan_ids(tid)}
    detail = {"plan": plan, "deleted": {}, "started_at": now_iso()}
    data_job_store.move(job, "running", ("queued", "running"), detail=detail)
    return detail


def _add(deleted: dict, name: str, count) -> None:
    for key, value in (count.items() if isinstance(count, dict) else [(name, count)]):
        deleted[key] = deleted.get(key, 0) + value


def _objects(plan: dict, deleted: dict) -> int:
    """Delete the tenant's files, each prefix counted into `deleted` (the step itself adds none)."""
    for found in tenant_prefixes(plan["tenant_id"]):
        _add(deleted, f"s3://{found['bucket']}/{found['prefix']}", delete_prefix(found["bucket"], found["prefix"]))
    for bucket in buckets():
        for plan_id in plan["plans"]:
            _add(deleted, f"s3://{bucket}/plans/{plan_id}/", delete_prefix(bucket, f"plans/{plan_id}/"))
        if plan["license_image_key"]:
            delete_keys(bucket, [plan["license_image_key"]])
    return 0


def run_deletion(tenant_id: str, job_id: str) -> None:
    """Delete the tenant's data step by step (progress after each), write the certificate, then the job record."""
    job = data_job_store.get(tenant_id, job_id)
    if job is None or job.kind != "deletion" or job.status not in ("queued", "running"):
        return
    detail = _plan(job)
    plan, deleted = detail["plan"], detail["deleted"]
    steps = STEPS + [("存储文件", lambda p: _objects(p, deleted))] + LAST_STEPS
    for number, (name, step) in enumerate(steps, start=1):
        _add(deleted, name, step(plan))
        data_job_store.move(job, "running", ("running",), progress=number * 99 // len(steps), detail=detail)
    audit_log.record(f"tenant#{tenant_id}", job.requested_by, "删除企业数据", detail=certificate(job, detail))
    data_job_store.close(tenant_id, "deletion", job_id)
    items.delete_data_job(tenant_id, job_id)


def certificate(job, detail: dict) -> str:
    """What was deleted, per table and prefix, who asked, when it was asked and when it was done (China time)."""
    plan = detail["plan"]
    counts = "；".join(f"{_label(name)} {count:,} 项" for name, count in sorted(detail["deleted"].items()) if count)
    return (f"数据删除证明：企业「{plan['company_name']}」（{plan['tenant_id']}）的全部数据已删除。"
            f"申请人 {job.requested_by}，申请时间 {_china(job.created_at)}，完成时间 {_china(now_iso())}；"
            f"登录账号 {len(plan['usernames'])} 个；删除明细：{counts or '无'}。审计日志保留。")


def _china(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")
