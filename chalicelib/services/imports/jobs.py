"""Import use cases for the portal: start an upload, follow it, list the history, roll a batch back."""
import re
import secrets

from chalicelib import config
from chalicelib.adapters import audit_log, import_jobs, objects
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.adapters.order_store import OrderStore
from chalicelib.clock import now_iso, time_id
from chalicelib.domain.import_job_status import WAITING_UPLOAD
from chalicelib.domain.import_spec import KINDS
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import lifetime
from chalicelib.services.billing import status as billing_status
from chalicelib.services.imports import view as import_view
from chalicelib.services.imports.lease import ImportBusy, tenant_lease
from chalicelib.services.imports.view import can_rollback
from chalicelib.services.paging import page_bounds
from chalicelib.services.stats import facts

EXTENSIONS = (".xlsx", ".xls", ".csv")
UPLOAD_CONTENT_TYPE = "application/octet-stream"


def upload_key(tenant_id: str, import_id: str, filename: str) -> str:
    """The file keeps only its extension in the key; its name stays in the job."""
    return f"imports/{tenant_id}/{import_id}/source{_extension(filename)}"


def start_upload(tenant_id: str, username: str, kind: str, filename: str, dry_run: bool) -> dict:
    """A job waiting for its file, and the presigned POST the browser sends the file with."""
    if kind not in KINDS:
        raise ValidationFailed("请选择导入类型：客户资料（customers）或订单数据（orders）")
    billing_status.require_active(tenant_id, "导入数据")
    filename = _clean_filename(filename)
    import_id = time_id(secrets.token_hex(3))
    key = upload_key(tenant_id, import_id, filename)
    job = ImportJob(tenant_id, import_id, kind=kind, source="upload", filename=filename, object_key=key,
                    dry_run=bool(dry_run), status=WAITING_UPLOAD, created_by=username, created_at=now_iso())
    import_jobs.create(job)
    upload = objects.presigned_post(config.upload_bucket(), key, UPLOAD_CONTENT_TYPE, config.import_max_bytes())
    return {"import_id": import_id, "upload": upload, "max_bytes": config.import_max_bytes()}


def get(tenant_id: str, import_id: str, *, jobs=import_jobs) -> dict:
    return import_view.public(get_job(tenant_id, import_id, jobs=jobs), with_issues=True, jobs=jobs)


def history(tenant_id: str, page: int = 1, size: int = 20, *, jobs=import_jobs) -> dict:
    page, size, rows = page_bounds(page, size)
    found = jobs.newest_first(tenant_id)
    return {"items": [import_view.public(job, jobs=jobs) for job in found[rows]], "total": len(found), "page": page,
            "size": size}


def rollback(tenant_id: str, import_id: str, username: str) -> dict:
    """Remove the orders an import added; analyses no longer see them."""
    job = get_job(tenant_id, import_id)
    if not can_rollback(job):
        raise Conflict("只有已完成的正式订单导入可以回滚", code="NOT_ROLLBACKABLE")
    try:
        with tenant_lease(tenant_id, f"rollback-{import_id}"):
            OrderStore(tenant_id).remove_batch(import_id)
            lifetime.refresh(tenant_id)
            message = f"已由 {username} 于 {now_iso()} 回滚，本批次订单已移除"
            rolled = import_jobs.move(job, "roll_back", message=message)
        if rolled:  # a second click waiting on the lease found it rolled back already: counted once
            counts = import_view.counts_of(job)
            facts.import_rolled_back(tenant_id, counts)
            audit_log.record_tenant(tenant_id, username, "回滚订单导入",
                                    f"{job.filename or import_id}（移除订单 {counts['new']:,} 条）")
    except ImportBusy:
        raise Conflict("该企业有导入正在进行，请稍后再回滚", code="IMPORT_BUSY") from None
    return import_view.public(job)


def get_job(tenant_id: str, import_id: str, *, jobs=import_jobs) -> ImportJob:
    """The tenant's job, or NotFound."""
    job = jobs.get(tenant_id, import_id) if re.fullmatch(r"[\w-]{1,64}", import_id or "") else None
    if job is None:
        raise NotFound("导入记录不存在")
    return job


def _extension(filename: str) -> str:
    return "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _clean_filename(filename: str) -> str:
    name = re.sub(r"[\x00-\x1f\x7f/\\]", "", str(filename or "")).strip()[-120:]
    if _extension(name) not in EXTENSIONS:
        raise ValidationFailed("只支持 .xlsx、.xls 或 .csv 文件：请在 Excel 中另存为 .xlsx 后再上传",
                               [{"field": "filename", "message": "文件类型应为 .xlsx、.xls 或 .csv"}])
    return name
