"""Run one import job: read, validate, apply, report. The caller holds the tenant's import lease."""
import time
from itertools import islice
from typing import Callable

from chalicelib import config
from chalicelib.adapters import import_jobs, objects
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.clock import now_iso
from chalicelib.domain.error_file import error_file_chunks
from chalicelib.domain.import_job_status import COMPLETED, next_status
from chalicelib.domain.import_spec import CUSTOMERS
from chalicelib.domain.table import RawTable
from chalicelib.domain.validation import validate
from chalicelib.errors import FileRejected, MissingColumns
from chalicelib.observability import add_metric, logger
from chalicelib.services.imports import customer_file, order_file
from chalicelib.services.imports.outcome import ISSUES_KEPT
from chalicelib.services.stats import facts


class Progress:
    """Writes the job's progress when it moved by at least 5 points (each write is a DynamoDB call)."""

    def __init__(self, job: ImportJob, jobs=import_jobs):
        self.job, self.jobs, self.shown = job, jobs, int(job.progress or 0)

    def __call__(self, value: int) -> None:
        if value >= self.shown + 5 or value == 100:
            self.shown = value
            self.jobs.set_progress(self.job, value)


def run(job: ImportJob, load_table: Callable[[], RawTable], *, jobs=import_jobs) -> ImportJob:
    """Take the job to completed or rejected; other exceptions are left to the caller (retry)."""
    started = time.monotonic()
    try:
        return _run(job, load_table, jobs)
    finally:
        add_metric("ImportSeconds", time.monotonic() - started, "Seconds")


def _run(job: ImportJob, load_table: Callable[[], RawTable], jobs) -> ImportJob:
    if not jobs.move(job, "start", attempts=int(job.attempts or 0) + 1, message=""):
        return job  # housekeeping expired it (or a twin finished it) first: the file is not imported
    progress = Progress(job, jobs)
    try:
        table = load_table()
    except FileRejected as rejected:
        columns = rejected.columns() if isinstance(rejected, MissingColumns) else None
        return reject(job, rejected.message, [{"row": 1, "column": detail.get("field", ""),
                                               "message": detail.get("message", "")} for detail in rejected.details],
                      columns, jobs=jobs)
    add_metric("ImportRows", len(table.original))
    progress(15)
    validated = validate(table)
    job.notices = list(validated.notices)
    progress(35)
    if not validated.ok:
        return _reject_rows(job, table, validated, jobs)
    apply = customer_file.apply if job.kind == CUSTOMERS else order_file.apply
    outcome = apply(job.tenant_id, job.import_id, validated, job.dry_run,
                    lambda share: progress(35 + int(share * 60)))
    job.notices += outcome.notices
    job.issues_key = jobs.save_issues(job.tenant_id, job.import_id, outcome.issues())
    done = _finish(job, "complete", {**outcome.counts, "errors": 0}, outcome.message(job.dry_run), jobs)
    if not job.dry_run:
        facts.import_applied(job.tenant_id, job.kind, outcome.counts)
    return done


def _reject_rows(job, table, validated, jobs) -> ImportJob:
    chunks, extension, content_type = error_file_chunks(table, validated.errors)
    job.errors_key = f"jobs/{job.tenant_id}/{job.import_id}/errors.{extension}"
    objects.write_parts(config.data_bucket(), job.errors_key, chunks, content_type)
    # the page lists the first few hundred; counts.errors and the error file cover every one
    issues = {"errors": [issue.to_dict() for issue in islice(validated.errors, ISSUES_KEPT)],
              "skipped": [issue.to_dict() for issue in islice(validated.skipped, ISSUES_KEPT)]}
    job.issues_key = jobs.save_issues(job.tenant_id, job.import_id, issues)
    message = _rejected_message(job, len(validated.errors))
    return _finish(job, "reject", {"errors": len(validated.errors), "skipped": len(validated.skipped)}, message, jobs)


def _rejected_message(job: ImportJob, errors: int) -> str:
    if job.source == "api":  # a JSON push: there is no file to upload again
        return f"推送的数据有 {errors:,} 处错误，未导入任何数据。请按错误原因修改 rows 中对应的行后重新推送。"
    head = "试运行发现" if job.dry_run else "文件有"
    return f"{head} {errors:,} 处错误，未导入任何数据。请按错误原因修改后重新上传。"


def reject(job: ImportJob, message: str, errors: list | None = None, columns: dict | None = None, *,
           jobs=import_jobs) -> ImportJob:
    """The whole file is refused (unreadable, too big...): nothing was written. `columns` (MISSING_COLUMNS:
    the file's headers and the missing fields) lets the page offer a column mapping."""
    issues = {"errors": errors or [], **({"columns": columns} if columns else {})}
    job.issues_key = jobs.save_issues(job.tenant_id, job.import_id, issues)
    return _finish(job, "reject", {"errors": max(1, len(errors or []))}, message, jobs)


def _finish(job: ImportJob, step: str, counts: dict, message: str, jobs) -> ImportJob:
    """The job's last write (the caller runs it, under the lease): the lifecycle table says where `step` leads."""
    status = next_status(job.status, step)
    job.status, job.counts, job.message = status, counts, message
    job.progress, job.finished_at = 100, now_iso()
    jobs.save(job)
    add_metric("ImportsCompleted" if status == COMPLETED else "ImportsFailed", 1)
    logger.info("import %s/%s %s %s", job.tenant_id, job.import_id, status, counts)
    return job
