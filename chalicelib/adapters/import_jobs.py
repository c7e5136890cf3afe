"""Import jobs in DynamoDB; their row issues as one JSON object per job in the data bucket."""
import json

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib import config
from chalicelib.adapters import objects
from chalicelib.adapters.models import ImportJobModel
from chalicelib.domain import import_job_status as status
from chalicelib.domain.import_job_status import WAITING_UPLOAD

AWAITING_UPLOAD = "upload"  # the one value of the sparse index's hash key


def create(job: ImportJobModel) -> None:
    if job.status == WAITING_UPLOAD:
        job.awaiting_file = AWAITING_UPLOAD
    job.save(condition=ImportJobModel.import_id.does_not_exist())


def get(tenant_id: str, import_id: str) -> ImportJobModel | None:
    try:
        return ImportJobModel.get(tenant_id, import_id, consistent_read=True)
    except DoesNotExist:
        return None


def newest_first(tenant_id: str) -> list[ImportJobModel]:
    return list(ImportJobModel.query(tenant_id, scan_index_forward=False))


def awaiting_file_since_before(cutoff: str, limit: int = 500) -> list[ImportJobModel]:
    """Upload jobs of every tenant still waiting for their file, created before `cutoff` (ISO UTC), oldest first."""
    found = ImportJobModel.awaiting_file_index.query(AWAITING_UPLOAD, ImportJobModel.created_at < cutoff,
                                                       limit=limit)
    return list(found)


def save(job: ImportJobModel) -> None:
    if job.status != WAITING_UPLOAD:
        job.awaiting_file = None  # leaves the sparse index with its status
    job.save()


def set_progress(job: ImportJobModel, progress: int) -> None:
    job.update(actions=[ImportJobModel.progress.set(progress)])


def move(job: ImportJobModel, step: str, **values) -> bool:
    """Take `step` of the lifecycle (domain/import_job_status.py) only if the job is still in one of the statuses
    it starts from (two workers: one wins); `values` are attributes set with it. False (job re-read) if not."""
    to_status = status.target(step)
    actions = [ImportJobModel.status.set(to_status)]
    actions += [getattr(ImportJobModel, name).set(value) for name, value in values.items()]
    if to_status != WAITING_UPLOAD:
        actions.append(ImportJobModel.awaiting_file.remove())
    try:
        job.update(actions=actions, condition=ImportJobModel.status.is_in(*status.sources(step)))
        return True
    except UpdateError as error:
        if getattr(error, "cause_response_code", "") == "ConditionalCheckFailedException":
            job.refresh(consistent_read=True)
            return False
        raise


def forget_awaiting(job: ImportJobModel) -> None:
    """Drop a stale index marker (the job left waiting_upload by a path that kept it)."""
    job.update(actions=[ImportJobModel.awaiting_file.remove()])


def issues_key(tenant_id: str, import_id: str) -> str:
    return f"jobs/{tenant_id}/{import_id}/issues.json"


def save_issues(tenant_id: str, import_id: str, issues: dict) -> str:
    key = issues_key(tenant_id, import_id)
    objects.write(config.data_bucket(), key, json.dumps(issues, ensure_ascii=False).encode(), "application/json")
    return key


def load_issues(job: ImportJobModel) -> dict:
    if not job.issues_key:
        return {}
    return json.loads(objects.read(config.data_bucket(), job.issues_key))
