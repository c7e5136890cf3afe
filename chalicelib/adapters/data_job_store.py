"""Tenant data jobs (exports and deletions) in the data_jobs table.

At most one open job of each kind per tenant: the job is written in one transaction with a marker item
("open#<kind>") that must not exist yet, or must belong to a job that went quiet (a crashed export)."""
import json
from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone

from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import conditional, failed_conditions
from chalicelib.adapters.platform_models import DataJobModel
from chalicelib.clock import now_iso

MARKER = "open#"
STALE_EXPORT = timedelta(minutes=30)  # an export that made no progress this long died with its worker


@dataclass
class DataJob:
    """A tenant data export or deletion request (or a file export) and its progress, as DataJobModel stores it."""

    tenant_id: str
    job_id: str
    kind: str  # "export" or "deletion" (issue 13), "file" (a large workbook or call list)
    status: str
    requested_by: str
    created_at: str
    updated_at: str | None = None
    due_at: str | None = None  # a deletion: when the cooling-off ends
    progress: int = 0
    result_key: str | None = None
    detail: str | None = None  # JSON: what was exported or deleted, or the error


def _record(item: DataJobModel) -> DataJob:
    values = {f.name: getattr(item, f.name) for f in fields(DataJob)}
    return DataJob(**{**values, "progress": int(item.progress or 0)})


def _model(job: DataJob) -> DataJobModel:
    values = {f.name: getattr(job, f.name) for f in fields(DataJob) if f.name not in ("tenant_id", "job_id")}
    return DataJobModel(job.tenant_id, job.job_id, **values)


def _refill(job: DataJob, item: DataJobModel) -> None:
    for name, value in vars(_record(item)).items():
        setattr(job, name, value)


def create(tenant_id: str, job_id: str, kind: str, requested_by: str, due_at: str | None = None) -> DataJob | None:
    """Write a new job and its open marker atomically; None when the tenant already has an open job of the kind."""
    now = now_iso()
    job = DataJob(tenant_id, job_id, kind=kind, status="cooling" if kind == "deletion" else "queued",
                  requested_by=requested_by, created_at=now, updated_at=now, due_at=due_at, progress=0)
    marker = DataJobModel(tenant_id, MARKER + kind, kind=kind, status=job_id, requested_by=requested_by,
                          created_at=now, updated_at=now)
    condition = DataJobModel.job_id.does_not_exist()
    if kind == "export":
        stale = (datetime.now(timezone.utc) - STALE_EXPORT).isoformat(timespec="seconds")
        condition = condition | (DataJobModel.updated_at < stale)
    try:
        with TransactWrite(connection=Connection(region=DataJobModel.Meta.region)) as transaction:
            transaction.save(marker, condition=condition)
            transaction.save(_model(job))
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            return None
        raise
    return job


def create_file(tenant_id: str, job_id: str, requested_by: str, detail: dict) -> DataJob:
    """A queued file export (a large workbook or call list): any number may run at once, so no marker."""
    now = now_iso()
    job = DataJob(tenant_id, job_id, kind="file", status="queued", requested_by=requested_by, created_at=now,
                  updated_at=now, progress=0, detail=json.dumps(detail, ensure_ascii=False))
    _model(job).save(condition=DataJobModel.job_id.does_not_exist())
    return job


def get(tenant_id: str, job_id: str) -> DataJob | None:
    if job_id.startswith(MARKER):
        return None
    try:
        return _record(DataJobModel.get(tenant_id, job_id, consistent_read=True))
    except DoesNotExist:
        return None


def of_tenant(tenant_id: str) -> list[DataJob]:
    """The tenant's data jobs, newest first (markers and file exports left out)."""
    return [_record(job) for job in DataJobModel.query(tenant_id, scan_index_forward=False)
            if not job.job_id.startswith(MARKER) and job.kind != "file"]


def open_job(tenant_id: str, kind: str) -> DataJob | None:
    """The job the open marker points at."""
    try:
        marker = DataJobModel.get(tenant_id, MARKER + kind, consistent_read=True)
    except DoesNotExist:
        return None
    return get(tenant_id, marker.status)


def progress(job: DataJob, percent: int, status: str = "running") -> None:
    item = DataJobModel(job.tenant_id, job.job_id)
    item.update(actions=[DataJobModel.progress.set(int(percent)), DataJobModel.status.set(status),
                         DataJobModel.updated_at.set(now_iso())])
    _refill(job, item)


def move(job: DataJob, status: str, from_status: tuple, **values) -> bool:
    """Set the status (and fields) only while the job is in one of `from_status`; False when it was not."""
    actions = [DataJobModel.status.set(status), DataJobModel.updated_at.set(now_iso())]
    for name, value in values.items():
        value = json.dumps(value, ensure_ascii=False) if name == "detail" and not isinstance(value, str) else value
        actions.append(getattr(DataJobModel, name).set(value))
    item = DataJobModel(job.tenant_id, job.job_id)
    if not conditional(item.update, actions=actions, condition=DataJobModel.status.is_in(*from_status)):
        return False
    _refill(job, item)
    return True


def close(tenant_id: str, kind: str, job_id: str) -> None:
    """Remove the open marker, if it still points at this job."""
    try:
        DataJobModel(tenant_id, MARKER + kind).delete(condition=DataJobModel.status == job_id)
    except Exception:  # noqa: BLE001 - already gone or taken over by a newer job
        pass


def deletions_due(due_iso: str) -> list[DataJob]:
    """Deletions whose cooling-off ended by `due_iso`, and queued ones (a lost message is sent again):
    a scan, but the table holds a few jobs per tenant and this runs once a day."""
    return [_record(job) for job in DataJobModel.scan((DataJobModel.kind == "deletion")
                                                      & DataJobModel.status.is_in("cooling", "queued")
                                                      & (DataJobModel.due_at <= due_iso))]


def all_jobs(tenant_id: str) -> list[DataJob]:
    """Every item of the tenant, markers included (for the deletion)."""
    return [_record(job) for job in DataJobModel.query(tenant_id, consistent_read=True)]
