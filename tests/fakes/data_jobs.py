"""adapters/data_job_store.py in memory: DataJob records, at most one open job per kind and tenant."""
import copy
import json
from datetime import datetime, timezone

from chalicelib.adapters.data_job_store import MARKER, STALE_EXPORT, DataJob
from chalicelib.clock import now_iso


class FakeDataJobs:
    MARKER = MARKER

    def __init__(self):
        self.items: dict[tuple[str, str], DataJob] = {}

    def _put(self, job: DataJob) -> None:
        self.items[(job.tenant_id, job.job_id)] = copy.deepcopy(job)

    def create(self, tenant_id: str, job_id: str, kind: str, requested_by: str,
               due_at: str | None = None) -> DataJob | None:
        now = now_iso()
        marker = self.items.get((tenant_id, MARKER + kind))
        stale = (datetime.now(timezone.utc) - STALE_EXPORT).isoformat(timespec="seconds")
        if marker is not None and not (kind == "export" and (marker.updated_at or "") < stale):
            return None
        job = DataJob(tenant_id, job_id, kind=kind, status="cooling" if kind == "deletion" else "queued",
                      requested_by=requested_by, created_at=now, updated_at=now, due_at=due_at, progress=0)
        self._put(DataJob(tenant_id, MARKER + kind, kind=kind, status=job_id, requested_by=requested_by,
                          created_at=now, updated_at=now))
        self._put(job)
        return job

    def create_file(self, tenant_id: str, job_id: str, requested_by: str, detail: dict) -> DataJob:
        now = now_iso()
        job = DataJob(tenant_id, job_id, kind="file", status="queued", requested_by=requested_by, created_at=now,
                      updated_at=now, progress=0, detail=json.dumps(detail, ensure_ascii=False))
        assert (tenant_id, job_id) not in self.items
        self._put(job)
        return job

    def get(self, tenant_id: str, job_id: str) -> DataJob | None:
        found = None if job_id.startswith(MARKER) else self.items.get((tenant_id, job_id))
        return copy.deepcopy(found)

    def of_tenant(self, tenant_id: str) -> list[DataJob]:
        return [copy.deepcopy(job) for (tenant, job_id), job in sorted(self.items.items(), reverse=True)
                if tenant == tenant_id and not job_id.startswith(MARKER) and job.kind != "file"]

    def open_job(self, tenant_id: str, kind: str) -> DataJob | None:
        marker = self.items.get((tenant_id, MARKER + kind))
        return self.get(tenant_id, marker.status) if marker is not None else None

    def progress(self, job: DataJob, percent: int, status: str = "running") -> None:
        stored = self.items[(job.tenant_id, job.job_id)]
        stored.progress, stored.status, stored.updated_at = int(percent), status, now_iso()
        vars(job).update(vars(copy.deepcopy(stored)))

    def move(self, job: DataJob, status: str, from_status: tuple, **values) -> bool:
        stored = self.items.get((job.tenant_id, job.job_id))
        if stored is None or stored.status not in from_status:
            return False
        stored.status, stored.updated_at = status, now_iso()
        for name, value in values.items():
            value = json.dumps(value, ensure_ascii=False) if name == "detail" and not isinstance(value, str) else value
            setattr(stored, name, value)
        vars(job).update(vars(copy.deepcopy(stored)))
        return True

    def close(self, tenant_id: str, kind: str, job_id: str) -> None:
        marker = self.items.get((tenant_id, MARKER + kind))
        if marker is not None and marker.status == job_id:
            del self.items[(tenant_id, MARKER + kind)]

    def deletions_due(self, due_iso: str) -> list[DataJob]:
        return [copy.deepcopy(job) for job in self.items.values()
                if job.kind == "deletion" and job.status in ("cooling", "queued") and (job.due_at or "~") <= due_iso]

    def all_jobs(self, tenant_id: str) -> list[DataJob]:
        return [copy.deepcopy(job) for (tenant, _), job in sorted(self.items.items()) if tenant == tenant_id]
