"""The public shape of an import job."""
from chalicelib import config
from chalicelib.adapters import import_jobs, objects
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.domain.import_job_status import COMPLETED, FAILED, REJECTED, STATUS_LABELS
from chalicelib.domain.import_spec import KIND_LABELS, ORDERS

DRY_RUN_LABELS = {COMPLETED: "试运行通过（未写入）", REJECTED: "试运行：有错误"}
COUNT_NAMES = ("new", "updated", "unchanged", "skipped", "errors", "warnings", "attached")
ISSUES_SHOWN = 500


def counts_of(job: ImportJob) -> dict:
    """Every count, 0 when absent."""
    return {name: int(job.counts.get(name, 0)) for name in COUNT_NAMES}


def can_rollback(job: ImportJob) -> bool:
    return job.kind == ORDERS and job.status == COMPLETED and not job.dry_run and counts_of(job)["new"] > 0


def can_retry(job: ImportJob) -> bool:
    """The same uploaded or dropped file can be imported again: after a refusal, or for real after a dry run."""
    retryable = job.status in (REJECTED, FAILED) or (job.status == COMPLETED and job.dry_run)
    return retryable and job.source in ("upload", "drop") and bool(job.object_key)


def public(job: ImportJob, with_issues: bool = False, *, jobs=import_jobs) -> dict:
    view = {
        "import_id": job.import_id, "kind": job.kind, "kind_label": KIND_LABELS.get(job.kind, job.kind),
        "source": job.source, "filename": job.filename, "dry_run": job.dry_run, "status": job.status,
        "status_label": status_label(job), "progress": int(job.progress or 0),
        "counts": counts_of(job),
        "notices": list(job.notices or []), "message": job.message or "",
        "errors_url": _errors_url(job), "created_by": job.created_by, "created_at": job.created_at,
        "finished_at": job.finished_at, "can_rollback": can_rollback(job), "can_retry": can_retry(job),
    }
    if with_issues:
        issues = jobs.load_issues(job)
        for name in ("errors", "warnings", "skipped"):
            view[name] = issues.get(name, [])[:ISSUES_SHOWN]
        view["missing_columns"] = issues.get("columns")  # {code: MISSING_COLUMNS, headers, missing} or None
    return view


def status_label(job: ImportJob) -> str:
    """A finished dry run says so: it is not an import."""
    if job.dry_run and job.status in DRY_RUN_LABELS:
        return DRY_RUN_LABELS[job.status]
    return STATUS_LABELS.get(job.status, job.status)


def _errors_url(job: ImportJob) -> str | None:
    if not job.errors_key:
        return None
    stem = job.filename.rsplit(".", 1)[0] or "导入文件"
    extension = job.errors_key.rsplit(".", 1)[-1]
    return objects.presigned_get(config.data_bucket(), job.errors_key, filename=f"{stem}-错误原因.{extension}")
