"""Data jobs as the admin pages show them, and the export: requested by a route, built by the data-job worker."""
import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters import audit_log, data_job_store, objects, queues, tenant_store, user_store
from chalicelib.clock import time_id
from chalicelib.errors import Conflict, NotFound
from chalicelib.observability import logger
from chalicelib.services.tenant_data.sheets import SHEETS, to_csv

CHINA = timezone(timedelta(hours=8))
LABELS = {"queued": "排队中", "running": "进行中", "done": "已完成", "failed": "失败", "cooling": "冷静期",
          "cancelled": "已撤销"}
DELETION_LABELS = {"queued": "等待删除", "running": "删除中", "done": "已删除"}
URL_SECONDS = 15 * 60


def view(job, names: dict | None = None) -> dict:
    """The job as the API answers it; a finished export carries a download link valid 15 minutes."""
    names = names if names is not None else user_store.display_names([job.requested_by])
    labels = {**LABELS, **DELETION_LABELS} if job.kind == "deletion" else LABELS
    url = None
    if job.kind == "export" and job.status == "done" and job.result_key:
        url = objects.presigned_get(config.data_bucket(), job.result_key, URL_SECONDS,
                                    filename=job.result_key.rsplit("/", 1)[-1])
    return {"job_id": job.job_id, "kind": job.kind, "status": job.status,
            "status_label": labels.get(job.status, job.status), "progress": int(job.progress or 0),
            "created_at": job.created_at, "requested_by": job.requested_by,
            "requested_by_name": names.get(job.requested_by, job.requested_by), "due_at": job.due_at,
            "detail": json.loads(job.detail) if job.detail and job.detail.startswith(("{", "[")) else job.detail,
            "url": url}


def tenant_or_404(tenant_id: str):
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        raise NotFound("企业不存在或已删除")
    return tenant


def job_of(tenant_id: str, job_id: str) -> dict:
    """One job of the tenant."""
    job = data_job_store.get(tenant_id, job_id)
    if job is None:
        raise NotFound("任务不存在")
    return view(job)


def request_export(tenant_id: str, actor: str) -> dict:
    """Queue a full export; one export at a time per tenant."""
    tenant = tenant_or_404(tenant_id)
    job = data_job_store.create(tenant_id, time_id(secrets.token_hex(3)), "export", actor)
    if job is None:
        raise Conflict("该企业已有一个导出任务在进行，请等它完成后再导出", code="EXPORT_RUNNING")
    queues.send(config.data_job_queue_url(), {"kind": "export", "tenant_id": tenant_id, "job_id": job.job_id})
    audit_log.record_tenant(tenant_id, actor, "导出企业全部数据", f"任务 {job.job_id}（{tenant.company_name}）")
    return view(job)


def run_export(tenant_id: str, job_id: str) -> None:
    """Build the zip (one CSV per kind of data), reporting progress after each sheet; then the result key."""
    job = data_job_store.get(tenant_id, job_id)
    if job is None or job.status not in ("queued", "running"):
        return
    try:
        key, counts = _write_zip(job)
    except Exception as error:
        data_job_store.move(job, "failed", ("queued", "running"), detail={"error": str(error)[:500]})
        data_job_store.close(tenant_id, "export", job_id)
        logger.exception("export %s of tenant %s failed", job_id, tenant_id)  # recorded on the job: no retry
        return
    data_job_store.move(job, "done", ("queued", "running"), progress=100, result_key=key, detail={"rows": counts})
    data_job_store.close(tenant_id, "export", job_id)


def _write_zip(job) -> tuple[str, dict]:
    buffer, counts = io.BytesIO(), {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, rows_of) in enumerate(SHEETS, start=1):
            rows = rows_of(job.tenant_id)
            archive.writestr(f"{number:02d}-{name}.csv", to_csv(rows))
            counts[name] = len(rows)
            data_job_store.progress(job, number * 95 // len(SHEETS))
    stamp = datetime.now(CHINA).strftime("%Y%m%d-%H%M%S")
    key = f"exports/{job.tenant_id}/企业数据-{stamp}-{job.job_id}.zip"
    objects.write(config.data_bucket(), key, buffer.getvalue(), "application/zip")
    return key, counts
