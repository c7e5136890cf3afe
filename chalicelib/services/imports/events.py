"""S3 "Object Created" events (browser uploads and ERP drops) -> import jobs, each run exactly once."""
import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import unquote_plus

from chalicelib import config
from chalicelib.adapters import import_jobs, locks, objects, tenant_store
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.clock import now_iso, time_id
from chalicelib.domain.import_job_status import EXPIRED, FAILED, OPEN_STATUSES, QUEUED
from chalicelib.domain.import_spec import KINDS
from chalicelib.domain.table_reader import read_table
from chalicelib.domain.tenant_status import APPROVED
from chalicelib.observability import add_metric, logger
from chalicelib.services.billing import status as billing_status
from chalicelib.services.imports import expiry, mappings, runner
from chalicelib.services.imports.lease import ImportBusy, tenant_lease

UPLOAD = re.compile(r"imports/(?P<tenant>[\w-]+)/(?P<job>[\w-]+)/source\.(xlsx|xls|csv)")
DROP = re.compile(r"drop/(?P<tenant>[\w-]+)/(?P<kind>[a-z]+)/(?P<name>[^/]+)")


@dataclass(frozen=True)
class S3Object:
    bucket: str
    key: str
    etag: str
    size: int


def handle(event: dict, receive_count: int = 1) -> None:
    """Run the import the event names; raises ImportBusy or a transient error to be retried later."""
    found = _object(event)
    if found is None:
        return
    job = _job_for(found)
    if job is not None and job.status == EXPIRED:  # the file came after housekeeping expired the job
        expiry.refuse_late_file(job)
        return
    if job is None or job.status not in OPEN_STATUSES:
        logger.info("nothing to do for s3://%s/%s (%s)", found.bucket, found.key, job and job.status)
        return
    stopped = billing_status.refusal(job.tenant_id, "导入数据")
    if stopped:  # the file came in after the service stopped: refused with the reason, not retried
        runner.reject(job, stopped)
        return
    if found.size > config.import_max_bytes():
        runner.reject(job, f"文件大小 {found.size / 1048576:.1f} MB，超过上限 "
                                   f"{config.import_max_bytes() // 1048576} MB，请拆分后分批导入")
        return
    try:
        with tenant_lease(job.tenant_id, job.import_id):
            import_jobs.refresh(job)  # a twin delivery may have finished it while we waited
            if job.status in OPEN_STATUSES:
                runner.run(job, lambda: read_table(objects.read(found.bucket, found.key), job.filename,
                                                          job.kind, max_cells=config.xlsx_max_cells(),
                                                          mapping=mappings.mapping_of(job.tenant_id, job.kind)))
    except ImportBusy:
        import_jobs.move(job, "queue")  # one attribute: never overwrites a runner's result
        raise
    except Exception as error:
        _note_failure(job, error, receive_count)
        if job.status != FAILED:
            raise  # the queue delivers it again


def give_up(event: dict, waited: timedelta) -> None:
    """The job of an event that waited too long behind the tenant's other imports ends as failed, saying why."""
    found = _object(event)
    job = _job_for(found) if found else None
    if job is None:
        return
    hours = waited.total_seconds() / 3600
    # Only a job nobody runs: a twin delivery may have started or finished it meanwhile.
    import_jobs.move(job, "give_up_waiting", finished_at=now_iso(), message=(
        f"本企业的其他导入持续进行，本次导入已排队等待 {hours:.1f} 小时仍未开始，已停止等待，未写入任何数据。"
        "请在导入记录中确认其他导入已结束后，重新上传同一文件；如多次出现请联系客服。"))


def _note_failure(job: ImportJob, error: Exception, receive_count: int) -> None:
    logger.exception("import %s/%s failed (attempt %d)", job.tenant_id, job.import_id, receive_count)
    import_jobs.refresh(job)
    if receive_count >= config.IMPORT_MAX_ATTEMPTS:
        job.status, job.finished_at = FAILED, now_iso()
        add_metric("ImportsFailed", 1)
        job.message = "导入未能完成，已写入的数据均已撤回。请稍后重新上传同一文件；如多次失败请联系客服。"
    else:
        job.message = "导入遇到临时故障，正在自动重试…"
    import_jobs.save(job)


def _object(event: dict) -> S3Object | None:
    detail = event.get("detail") or {}
    bucket = (detail.get("bucket") or {}).get("name", "")
    item = detail.get("object") or {}
    key = item.get("key", "")
    if bucket != config.upload_bucket() or not key:
        logger.warning("ignoring event for s3://%s/%s", bucket, key)
        return None
    if objects.head(bucket, key) is None and objects.head(bucket, unquote_plus(key)) is not None:
        key = unquote_plus(key)  # some emitters URL-encode the key
    etag = item.get("etag") or item.get("eTag") or ""  # AWS spells it "etag", moto "eTag"
    return S3Object(bucket, key, str(etag), int(item.get("size") or 0))


def _job_for(found: S3Object) -> ImportJob | None:
    upload = UPLOAD.fullmatch(found.key)
    if upload:
        return import_jobs.get(upload["tenant"], upload["job"])
    drop = DROP.fullmatch(found.key)
    if drop and drop["kind"] in KINDS:
        return _drop_job(found, drop["tenant"], drop["kind"], drop["name"])
    logger.warning("key s3://%s/%s is neither an upload nor a drop", found.bucket, found.key)
    return None


def _drop_job(found: S3Object, tenant_id: str, kind: str, filename: str) -> ImportJob | None:
    """The first delivery of a drop creates its job; a repeated delivery finds the same one."""
    tenant = tenant_store.get(tenant_id)
    if tenant is None or tenant.status != APPROVED:
        logger.warning("drop for unknown or inactive tenant %s ignored", tenant_id)
        return None
    digest = hashlib.sha256(f"{found.bucket}/{found.key}#{found.etag}".encode()).hexdigest()
    import_id = locks.claim(f"s3#{digest}", time_id(digest[:6]))
    job = import_jobs.get(tenant_id, import_id)
    if job is None:
        job = ImportJob(tenant_id, import_id, kind=kind, source="drop", filename=filename, object_key=found.key,
                        status=QUEUED, created_by="ERP 目录", created_at=now_iso())
        import_jobs.create(job)
    return job

