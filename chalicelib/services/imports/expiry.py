"""Upload jobs whose file never arrived expire (等待上传 → 已过期) after 24 hours; a file arriving later is refused."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import import_jobs
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.domain.import_job_status import EXPIRED, EXPIRED_MESSAGE, LATE_FILE_MESSAGE

UPLOAD_WINDOW = timedelta(hours=24)


def expire_stale_uploads(now: datetime | None = None, *, jobs=import_jobs) -> int:
    """Expire every upload job still waiting for its file a day after it was created; how many expired."""
    now = now or datetime.now(timezone.utc)
    cutoff = (now - UPLOAD_WINDOW).isoformat(timespec="seconds")
    expired = 0
    for job in jobs.awaiting_file_since_before(cutoff):
        # Conditional: a file arriving at the same moment either started the import first (the move fails)
        # or finds the job expired and is refused with the reason.
        if jobs.move(job, "expire", message=EXPIRED_MESSAGE, finished_at=now.isoformat(timespec="seconds")):
            expired += 1
        else:
            jobs.forget_awaiting(job)  # a stale marker: the job had left waiting_upload already
    return expired


def refuse_late_file(job: ImportJob, *, jobs=import_jobs) -> None:
    """The job expired before its file came: it stays 已过期 and says the file was not imported."""
    if job.status == EXPIRED and job.message != LATE_FILE_MESSAGE:
        job.message = LATE_FILE_MESSAGE
        jobs.save(job)
