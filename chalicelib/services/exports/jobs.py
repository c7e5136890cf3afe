"""Export jobs: a request queues one on the data-job queue, the caller polls it for progress and, when done,
a link valid 15 minutes. A job is its requester's: anyone else (another account or tenant) gets 404."""
import json
import secrets
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters import data_job_store, objects, queues
from chalicelib.clock import time_id
from chalicelib.domain.export_size import runs_as_job
from chalicelib.errors import NotFound

KIND = "file"
URL_SECONDS = 15 * 60
LABELS = {"queued": "排队中", "running": "生成中", "done": "已完成", "failed": "失败"}
# The worker reports after every batch and stops at 15 minutes: a job quiet this long died with its worker
# (its message went to the dead-letter queue), so the caller is told to export again instead of waiting forever.
QUIET = timedelta(minutes=30)
TIMED_OUT = "导出超时，请重新导出"


def too_large(rows: int) -> bool:
    """True when an export of up to `rows` rows must run as a job."""
    return runs_as_job(rows, config.export_job_rows())


def start(tenant_id: str, actor: str, export: str, params: dict, store: str = "", mobile_visible: bool = True) -> dict:
    """Queue the export `export` (a builder's name) with `params`; the answer carries the job id to poll."""
    request = {"export": export, "params": params, "store": store, "mobile_visible": mobile_visible}
    job = data_job_store.create_file(tenant_id, time_id(secrets.token_hex(4)), actor, request)
    queues.send(config.data_job_queue_url(), {"kind": KIND, "tenant_id": tenant_id, "job_id": job.job_id})
    return view(job)


def status(tenant_id: str, actor: str, job_id: str) -> dict:
    """The caller's export job: progress, and the link once the file is ready."""
    job = data_job_store.get(tenant_id, job_id)
    if job is None or job.kind != KIND or job.requested_by != actor:
        raise NotFound("导出任务不存在", code="EXPORT_JOB_NOT_FOUND")
    return view(job)


def view(job) -> dict:
    detail = detail_of(job)
    status = job.status
    if status in ("queued", "running") and _quiet(job.updated_at or job.created_at):
        status, detail = "failed", {**detail, "error": TIMED_OUT}
    url = None
    if status == "done" and job.result_key:
        url = objects.presigned_get(config.data_bucket(), job.result_key, URL_SECONDS, filename=detail.get("filename"))
    return {"job_id": job.job_id, "status": status, "status_label": LABELS.get(status, status),
            "progress": int(job.progress or 0), "created_at": job.created_at, "filename": detail.get("filename"),
            "count": detail.get("count"), "error": detail.get("error"), "url": url}


def detail_of(job) -> dict:
    return json.loads(job.detail) if job.detail else {}


def _quiet(updated_at: str) -> bool:
    return datetime.now(timezone.utc) - datetime.fromisoformat(updated_at) > QUIET
