"""Import the same uploaded (or dropped) file again, without uploading it again: after the tenant mapped the
missing columns, after a dry run, or after a failure.

The file is copied to a new job's upload key; the copy raises "Object Created" like an upload, so the new job
runs through the same queue, lease and idempotency as any upload (services/imports/events.py).
"""
import secrets

from chalicelib import config
from chalicelib.adapters import import_jobs, locks, objects
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.clock import now_iso, time_id
from chalicelib.domain.import_job_status import WAITING_UPLOAD
from chalicelib.errors import Conflict, NotFound
from chalicelib.services.billing import status as billing_status
from chalicelib.services.imports import view as import_view
from chalicelib.services.imports.jobs import EXTENSIONS, get_job, upload_key
from chalicelib.services.imports.view import can_retry


def retry(tenant_id: str, import_id: str, username: str, dry_run: bool | None = None, *, jobs=import_jobs) -> dict:
    """A new job importing the file of `import_id` (dry_run: as before unless given); asked twice, the same job."""
    job = get_job(tenant_id, import_id, jobs=jobs)
    billing_status.require_active(tenant_id, "导入数据")
    if not can_retry(job) or not job.object_key or not job.filename.lower().endswith(EXTENSIONS):
        raise Conflict("只有未导入成功的上传文件或试运行可以重新导入，请重新上传文件", code="NOT_RETRYABLE")
    dry_run = job.dry_run if dry_run is None else bool(dry_run)
    if objects.head(config.upload_bucket(), job.object_key) is None:
        raise NotFound("原文件已过期（上传的文件保留 30 天），请重新上传", code="SOURCE_EXPIRED")
    new_id = locks.claim(f"retry#{tenant_id}#{import_id}#{int(dry_run)}", time_id(secrets.token_hex(3)))
    existing = jobs.get(tenant_id, new_id)
    if existing is not None:  # a repeated request: the job the first one started
        return import_view.public(existing, jobs=jobs)
    key = upload_key(tenant_id, new_id, job.filename)
    again = ImportJob(tenant_id, new_id, kind=job.kind, source=job.source, filename=job.filename, object_key=key,
                      dry_run=dry_run, status=WAITING_UPLOAD, created_by=username, created_at=now_iso())
    jobs.create(again)
    objects.copy(config.upload_bucket(), job.object_key, key)
    return import_view.public(again, jobs=jobs)
