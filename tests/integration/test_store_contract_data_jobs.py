"""The data-job store's contract (exports and deletions of a tenant's data, file exports), run against
adapters/data_job_store.py on moto and tests/fakes/data_jobs.py."""
import json

import pytest

from chalicelib.adapters import data_job_store
from tests.fakes.data_jobs import FakeDataJobs
from tests.integration.helpers import moto_or_fake


@pytest.fixture(params=["fake", "moto"])
def jobs(request):
    return moto_or_fake(request, data_job_store, FakeDataJobs)


def test_a_job_reads_back_as_created_and_a_marker_id_is_no_job(jobs):
    created = jobs.create("t1", "20261201-a", "deletion", "admin", due_at="2026-12-08T00:00:00+00:00")
    assert (created.status, created.progress) == ("cooling", 0)
    assert jobs.get("t1", "20261201-a") == created and jobs.open_job("t1", "deletion") == created
    assert jobs.get("t1", jobs.MARKER + "deletion") is None and jobs.get("t1", "nothing") is None


def test_a_second_open_job_of_the_same_kind_is_refused_until_the_first_is_closed(jobs):
    first = jobs.create("t1", "20261201-a", "deletion", "admin")
    assert jobs.create("t1", "20261201-b", "deletion", "admin") is None
    assert jobs.create("t1", "20261201-c", "export", "admin") is not None  # another kind
    assert jobs.create("t2", "20261201-d", "deletion", "admin") is not None  # another tenant
    jobs.close("t1", "deletion", "someone-else")  # a marker pointing elsewhere stays
    assert jobs.create("t1", "20261201-b", "deletion", "admin") is None
    jobs.close("t1", "deletion", first.job_id)
    assert jobs.open_job("t1", "deletion") is None
    assert jobs.create("t1", "20261201-b", "deletion", "admin").job_id == "20261201-b"


def test_the_tenants_jobs_are_listed_newest_first_without_markers_or_file_exports(jobs):
    jobs.create("t1", "20261201-a", "export", "admin")
    jobs.create("t1", "20261202-b", "deletion", "admin")
    jobs.create_file("t1", "20261203-c", "boss", {"export": "call_list"})
    assert [job.job_id for job in jobs.of_tenant("t1")] == ["20261202-b", "20261201-a"]
    assert json.loads(jobs.get("t1", "20261203-c").detail) == {"export": "call_list"}


def test_a_move_happens_only_from_the_given_statuses_and_the_record_holds_the_stored_job(jobs):
    job = jobs.create("t1", "20261201-a", "export", "admin")
    assert jobs.move(job, "done", ("cooling",)) is False and job.status == "queued"
    jobs.progress(job, 40)
    assert (job.status, job.progress) == ("running", 40)
    assert jobs.move(job, "done", ("queued", "running"), progress=100, result_key="exports/t1/x.zip",
                     detail={"rows": {"客户": 6}}) is True
    assert (job.status, job.progress, json.loads(job.detail)) == ("done", 100, {"rows": {"客户": 6}})
    assert jobs.get("t1", "20261201-a") == job


def test_deletions_due_are_the_cooling_and_queued_ones_whose_cooling_off_ended(jobs):
    jobs.create("t1", "a", "deletion", "admin", due_at="2026-12-01T00:00:00+00:00")
    jobs.create("t2", "b", "deletion", "admin", due_at="2026-12-09T00:00:00+00:00")
    cancelled = jobs.create("t3", "c", "deletion", "admin", due_at="2026-11-01T00:00:00+00:00")
    jobs.move(cancelled, "cancelled", ("cooling",))
    queued = jobs.create("t4", "d", "deletion", "admin", due_at="2026-11-20T00:00:00+00:00")
    jobs.move(queued, "queued", ("cooling",))
    due = [job.job_id for job in jobs.deletions_due("2026-12-02T00:00:00+00:00")
           if not job.job_id.startswith(jobs.MARKER)]
    assert sorted(due) == ["a", "d"]
