"""Import jobs in DynamoDB; their row issues as one JSON object per job in the data bucket.

Callers hold `ImportJob` records; the store converts them to and from the model and owns the conditional
writes (which steps are allowed from which status is the domain's rule: domain/import_job_status.py)."""
import json
from dataclasses import dataclass, field, fields

from pynamodb.exceptions import DoesNotExist

from chalicelib import config
from chalicelib.adapters import objects
from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import ImportJobModel
from chalicelib.domain import import_job_status as status
from chalicelib.domain.import_job_status import WAITING_UPLOAD

AWAITING_UPLOAD = "upload"  # the one value of the sparse index's hash key


@dataclass
class ImportJob:
    """One import (upload, ERP drop or bulk call) and its outcome, as ImportJobModel stores it."""

    tenant_id: str
    import_id: str  # starts with the UTC time: newest last in key order
    kind: str
    source: str  # "upload", "drop" or "api"
    filename: str
    status: str
    created_by: str
    created_at: str
    object_key: str | None = None
    dry_run: bool = False
    progress: int = 0
    counts: dict = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    message: str = ""
    errors_key: str | None = None
    issues_key: str | None = None
    attempts: int = 0
    finished_at: str | None = None
    awaiting_file: str | None = None  # "upload" while waiting_upload, else absent (sparse index)


_KEYS = ("tenant_id", "import_id")


def _record(item: ImportJobModel) -> ImportJob:
    counts = item.counts.as_dict() if hasattr(item.counts, "as_dict") else dict(item.counts or {})
    values = {f.name: getattr(item, f.name) for f in fields(ImportJob)}
    return ImportJob(**{**values, "counts": counts, "notices": list(item.notices or []), "message": item.message or "",
                        "dry_run": bool(item.dry_run), "progress": int(item.progress or 0),
                        "attempts": int(item.attempts or 0)})


def _model(job: ImportJob) -> ImportJobModel:
    values = {f.name: getattr(job, f.name) for f in fields(ImportJob) if f.name not in _KEYS}
    return ImportJobModel(job.tenant_id, job.import_id, **{**values, "counts": dict(job.counts),
                                                           "notices": list(job.notices)})


def _refill(job: ImportJob, item: ImportJobModel) -> None:
    """The record takes the stored item's values (after a write that returned them, or a re-read)."""
    for name, value in vars(_record(item)).items():
        setattr(job, name, value)


def create(job: ImportJob) -> None:
    if job.status == WAITING_UPLOAD:
        job.awaiting_file = AWAITING_UPLOAD
    _model(job).save(condition=ImportJobModel.import_id.does_not_exist())


def get(tenant_id: str, import_id: str) -> ImportJob | None:
    try:
        return _record(ImportJobModel.get(tenant_id, import_id, consistent_read=True))
    except DoesNotExist:
        return None


def refresh(job: ImportJob) -> None:
    """Re-read the job (consistent) into the record: another worker may have moved it."""
    _refill(job, ImportJobModel.get(job.tenant_id, job.import_id, consistent_read=True))


def newest_first(tenant_id: str) -> list[ImportJob]:
    return [_record(item) for item in ImportJobModel.query(tenant_id, scan_index_forward=False)]


def awaiting_file_since_before(cutoff: str, limit: int = 500) -> list[ImportJob]:
    """Upload jobs of every tenant still waiting for their file, created before `cutoff` (ISO UTC), oldest first."""
    found = ImportJobModel.awaiting_file_index.query(AWAITING_UPLOAD, ImportJobModel.created_at < cutoff,
                                                       limit=limit)
    return [_record(item) for item in found]


def save(job: ImportJob) -> None:
    if job.status != WAITING_UPLOAD:
        job.awaiting_file = None  # leaves the sparse index with its status
    _model(job).save()


def set_progress(job: ImportJob, progress: int) -> None:
    """One attribute: what the caller changed on the record and has not saved yet is kept."""
    ImportJobModel(job.tenant_id, job.import_id).update(actions=[ImportJobModel.progress.set(progress)])
    job.progress = progress


def move(job: ImportJob, step: str, **values) -> bool:
    """Take `step` of the lifecycle (domain/import_job_status.py) only if the job is still in one of the statuses
    it starts from (two workers: one wins); `values` are attributes set with it. The record then holds the stored
    job; False (record re-read) if the step was refused."""
    to_status = status.target(step)
    actions = [ImportJobModel.status.set(to_status)]
    actions += [getattr(ImportJobModel, name).set(value) for name, value in values.items()]
    if to_status != WAITING_UPLOAD:
        actions.append(ImportJobModel.awaiting_file.remove())
    item = ImportJobModel(job.tenant_id, job.import_id)
    if not conditional(item.update, actions=actions, condition=ImportJobModel.status.is_in(*status.sources(step))):
        refresh(job)
        return False
    _refill(job, item)
    return True


def forget_awaiting(job: ImportJob) -> None:
    """Drop a stale index marker (the job left waiting_upload by a path that kept it)."""
    ImportJobModel(job.tenant_id, job.import_id).update(actions=[ImportJobModel.awaiting_file.remove()])
    job.awaiting_file = None


def issues_key(tenant_id: str, import_id: str) -> str:
    return f"jobs/{tenant_id}/{import_id}/issues.json"


def save_issues(tenant_id: str, import_id: str, issues: dict) -> str:
    key = issues_key(tenant_id, import_id)
    objects.write(config.data_bucket(), key, json.dumps(issues, ensure_ascii=False).encode(), "application/json")
    return key


def load_issues(job: ImportJob) -> dict:
    if not job.issues_key:
        return {}
    return json.loads(objects.read(config.data_bucket(), job.issues_key))
