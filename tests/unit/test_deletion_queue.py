"""The daily run that hands a tenant deletion to the worker once its 7 days of cooling-off are over, on the
data-job store's fake (tests/fakes/data_jobs.py)."""
from datetime import datetime, timedelta, timezone

from chalicelib.services.tenant_data import deletion
from tests.fakes.data_jobs import FakeDataJobs

NOW = datetime(2026, 12, 8, 2, 0, tzinfo=timezone.utc)


def asked(jobs: FakeDataJobs, tenant_id: str, cooling_ends: datetime):
    return jobs.create(tenant_id, f"job-{tenant_id}", "deletion", "admin", due_at=cooling_ends.isoformat(timespec="seconds"))


def test_a_deletion_is_queued_once_its_cooling_off_ended_and_a_younger_one_waits():
    jobs, sent = FakeDataJobs(), []
    asked(jobs, "t1", NOW - timedelta(hours=1))
    asked(jobs, "t2", NOW + timedelta(hours=1))
    assert deletion.queue_due(NOW, jobs=jobs, send=lambda job: sent.append(job.tenant_id)) == 1
    assert sent == ["t1"] and jobs.get("t1", "job-t1").status == "queued"
    assert jobs.get("t2", "job-t2").status == "cooling"


def test_a_cancelled_deletion_is_never_queued():
    jobs, sent = FakeDataJobs(), []
    job = asked(jobs, "t1", NOW - timedelta(days=1))
    assert jobs.move(job, "cancelled", ("cooling",))
    assert deletion.queue_due(NOW, jobs=jobs, send=sent.append) == 0 and sent == []


def test_a_queued_deletion_whose_message_was_lost_is_sent_again_the_next_day():
    jobs, sent = FakeDataJobs(), []
    asked(jobs, "t1", NOW - timedelta(hours=1))
    deletion.queue_due(NOW, jobs=jobs, send=sent.append)
    deletion.queue_due(NOW + timedelta(days=1), jobs=jobs, send=sent.append)
    assert [job.job_id for job in sent] == ["job-t1", "job-t1"]


def test_a_deletion_the_worker_started_is_not_queued_again():
    jobs, sent = FakeDataJobs(), []
    job = asked(jobs, "t1", NOW - timedelta(hours=1))
    assert jobs.move(job, "running", ("cooling", "queued"))
    assert deletion.queue_due(NOW, jobs=jobs, send=sent.append) == 0
