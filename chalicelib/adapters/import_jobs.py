"""Import jobs in DynamoDB; their row issues as one JSON object per job in the data bucket."""
import json

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib import config
from chalicelib.adapters import objects
from chalicelib.adapters.models import ImportJobModel


def create(job: ImportJobModel) -> None:
    job.save(condition=ImportJobModel.import_id.does_not_exist())


def get(tenant_id: str, import_id: str) -> ImportJobModel | None:
    try:
        return ImportJobModel.get(tenant_id, import_id, consistent_read=True)
    except DoesNotExist:
        return None


def newest_first(tenant_id: str) -> list[ImportJobModel]:
    return list(ImportJobModel.query(tenant_id, scan_index_forward=False))


def save(job: ImportJobModel) -> None:
    job.save()


def set_progress(job: ImportJobModel, progress: int) -> None:
    job.update(actions=[ImportJobModel.progress.set(progress)])


def move(job: ImportJobModel, from_statuses: tuple[str, ...], to_status: str, message: str | None = None,
         finished_at: str | None = None) -> bool:
    """Change the status only if it is still one of `from_statuses` (two workers: one wins)."""
    actions = [ImportJobModel.status.set(to_status)]
    if message is not None:
        actions.append(ImportJobModel.message.set(message))
    if finished_at is not None:
        actions.append(ImportJobModel.finished_at.set(finished_at))
    try:
        job.update(actions=actions, condition=ImportJobModel.status.is_in(*from_statuses))
        return True
    except UpdateError as error:
        if getattr(error, "cause_response_code", "") == "ConditionalCheckFailedException":
            job.refresh(consistent_read=True)
            return False
        raise


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
