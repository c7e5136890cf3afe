"""adapters/import_jobs.py in memory: the same functions on ImportJob records, the same conditional moves."""
import copy

from chalicelib.adapters.import_jobs import AWAITING_UPLOAD, ImportJob, issues_key
from chalicelib.domain import import_job_status as lifecycle
from chalicelib.domain.import_job_status import WAITING_UPLOAD


class JobExists(Exception):
    """The fake's refusal of a second create with the same id (the store's conditional put fails)."""


class FakeImportJobs:
    def __init__(self, *jobs: ImportJob):
        """`jobs` are stored as given (a stale index marker included), as if an earlier version wrote them."""
        self.items = {(job.tenant_id, job.import_id): copy.deepcopy(job) for job in jobs}
        self.issues: dict[str, dict] = {}
        self.writes = 0  # full saves, for "changed nothing the second time"

    def _stored(self, job: ImportJob) -> ImportJob:
        return self.items[(job.tenant_id, job.import_id)]

    def _refill(self, job: ImportJob) -> None:
        for name, value in vars(copy.deepcopy(self._stored(job))).items():
            setattr(job, name, value)

    def create(self, job: ImportJob) -> None:
        if (job.tenant_id, job.import_id) in self.items:
            raise JobExists(job.import_id)
        if job.status == WAITING_UPLOAD:
            job.awaiting_file = AWAITING_UPLOAD
        self.items[(job.tenant_id, job.import_id)] = copy.deepcopy(job)

    def get(self, tenant_id: str, import_id: str) -> ImportJob | None:
        found = self.items.get((tenant_id, import_id))
        return copy.deepcopy(found) if found is not None else None

    def refresh(self, job: ImportJob) -> None:
        self._refill(job)

    def newest_first(self, tenant_id: str) -> list[ImportJob]:
        return [copy.deepcopy(job) for (tenant, _), job in sorted(self.items.items(), reverse=True)
                if tenant == tenant_id]

    def awaiting_file_since_before(self, cutoff: str, limit: int = 500) -> list[ImportJob]:
        waiting = [job for job in self.items.values() if job.awaiting_file == AWAITING_UPLOAD and job.created_at < cutoff]
        return [copy.deepcopy(job) for job in sorted(waiting, key=lambda job: job.created_at)[:limit]]

    def save(self, job: ImportJob) -> None:
        if job.status != WAITING_UPLOAD:
            job.awaiting_file = None
        self.writes += 1
        self.items[(job.tenant_id, job.import_id)] = copy.deepcopy(job)

    def set_progress(self, job: ImportJob, progress: int) -> None:
        self._stored(job).progress = progress
        job.progress = progress

    def move(self, job: ImportJob, step: str, **values) -> bool:
        stored = self._stored(job)
        if stored.status not in lifecycle.sources(step):
            self._refill(job)
            return False
        stored.status = lifecycle.target(step)
        for name, value in values.items():
            setattr(stored, name, copy.deepcopy(value))
        if stored.status != WAITING_UPLOAD:
            stored.awaiting_file = None
        self._refill(job)
        return True

    def forget_awaiting(self, job: ImportJob) -> None:
        self._stored(job).awaiting_file = None
        job.awaiting_file = None

    def save_issues(self, tenant_id: str, import_id: str, issues: dict) -> str:
        key = issues_key(tenant_id, import_id)
        self.issues[key] = copy.deepcopy(issues)
        return key

    def load_issues(self, job: ImportJob) -> dict:
        return copy.deepcopy(self.issues[job.issues_key]) if job.issues_key else {}
