"""The import-job store's contract, run against adapters/import_jobs.py on moto and tests/fakes/import_jobs.py:
a service tested on the fake sees what it would see in DynamoDB."""
import pytest
from pynamodb.exceptions import PutError

from chalicelib.adapters import import_jobs
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.domain.import_job_status import (
    COMPLETED,
    EXPIRED,
    EXPIRED_MESSAGE,
    QUEUED,
    RUNNING,
    WAITING_UPLOAD,
)
from tests.fakes.import_jobs import FakeImportJobs, JobExists
from tests.integration.helpers import moto_or_fake


@pytest.fixture(params=["fake", "moto"])
def jobs(request):
    return moto_or_fake(request, import_jobs, FakeImportJobs)


def job(import_id: str, status: str = WAITING_UPLOAD, tenant_id: str = "t1", created_at: str = "2026-12-01T08:00:00",
        **values) -> ImportJob:
    return ImportJob(tenant_id, import_id, kind="customers", source="upload", filename="客户.csv", status=status,
                     created_by="boss", created_at=created_at, object_key=f"imports/{tenant_id}/{import_id}/source.csv",
                     **values)


def test_a_created_job_reads_back_as_written_and_an_unknown_one_is_none(jobs):
    jobs.create(job("20261201080000-a", QUEUED, counts={"new": 3}, notices=["已忽略未识别的列：积分"], dry_run=True))
    found = jobs.get("t1", "20261201080000-a")
    assert found == job("20261201080000-a", QUEUED, counts={"new": 3}, notices=["已忽略未识别的列：积分"], dry_run=True)
    assert jobs.get("t1", "nothing") is None and jobs.get("t2", "20261201080000-a") is None


def test_a_second_create_with_the_same_id_is_refused_and_the_first_job_stays(jobs):
    jobs.create(job("20261201080000-a"))
    with pytest.raises((PutError, JobExists)):
        jobs.create(job("20261201080000-a", COMPLETED))
    assert jobs.get("t1", "20261201080000-a").status == WAITING_UPLOAD


def test_newest_first_lists_only_the_tenants_jobs_by_id_descending(jobs):
    for import_id in ("20261201080000-b", "20261203080000-c", "20261202080000-a"):
        jobs.create(job(import_id))
    jobs.create(job("20261204080000-x", tenant_id="t2"))
    assert [found.import_id for found in jobs.newest_first("t1")] == [
        "20261203080000-c", "20261202080000-a", "20261201080000-b"]
    assert jobs.newest_first("t3") == []


def test_an_allowed_move_sets_the_status_and_values_and_the_record_holds_the_stored_job(jobs):
    jobs.create(job("j", attempts=1))
    mine = jobs.get("t1", "j")
    assert jobs.move(mine, "start", attempts=2, message="") is True
    assert (mine.status, mine.attempts, mine.awaiting_file) == (RUNNING, 2, None)
    assert jobs.get("t1", "j") == mine


def test_a_move_from_a_status_it_does_not_start_from_is_refused_and_the_record_is_read_again(jobs):
    jobs.create(job("j", QUEUED))
    first, second = jobs.get("t1", "j"), jobs.get("t1", "j")
    assert jobs.move(first, "start") is True
    first.status, first.counts = COMPLETED, {"new": 1}
    jobs.save(first)
    # the second worker's record is stale: its step is refused and it sees what the first one stored
    assert jobs.move(second, "expire", message=EXPIRED_MESSAGE) is False
    assert (second.status, second.counts, second.message) == (COMPLETED, {"new": 1}, "")
    assert jobs.move(second, "roll_back", message="回滚") is True


def test_only_upload_jobs_still_waiting_are_found_oldest_first_before_the_cutoff(jobs):
    jobs.create(job("young", created_at="2026-12-01T09:00:00"))
    jobs.create(job("old", created_at="2026-12-01T07:00:00"))
    jobs.create(job("older", created_at="2026-12-01T06:00:00"))
    jobs.create(job("queued", QUEUED, created_at="2026-12-01T05:00:00"))
    jobs.create(job("elsewhere", tenant_id="t2", created_at="2026-12-01T06:30:00"))
    assert [found.import_id for found in jobs.awaiting_file_since_before("2026-12-01T08:00:00")] == [
        "older", "elsewhere", "old"]
    assert [found.import_id for found in jobs.awaiting_file_since_before("2026-12-01T08:00:00", limit=1)] == ["older"]
    # a job leaving waiting_upload leaves the index with it
    older = jobs.get("t1", "older")
    assert jobs.move(older, "expire", message=EXPIRED_MESSAGE) and older.status == EXPIRED
    old = jobs.get("t1", "old")
    old.status = QUEUED
    jobs.save(old)
    assert [found.import_id for found in jobs.awaiting_file_since_before("2026-12-01T08:00:00")] == ["elsewhere"]


def test_forget_awaiting_drops_the_index_marker_and_nothing_else(jobs):
    jobs.create(job("j", created_at="2026-12-01T07:00:00"))
    mine = jobs.get("t1", "j")
    assert mine.awaiting_file == "upload"
    jobs.forget_awaiting(mine)
    assert jobs.awaiting_file_since_before("2026-12-01T08:00:00") == []
    assert (jobs.get("t1", "j").status, jobs.get("t1", "j").awaiting_file, mine.awaiting_file) == (
        WAITING_UPLOAD, None, None)


def test_set_progress_writes_the_progress_only_and_keeps_unsaved_changes_of_the_record(jobs):
    jobs.create(job("j", RUNNING))
    mine = jobs.get("t1", "j")
    mine.notices = ["已忽略未识别的列：积分"]
    jobs.set_progress(mine, 35)
    assert (mine.progress, mine.notices) == (35, ["已忽略未识别的列：积分"])
    stored = jobs.get("t1", "j")
    assert (stored.progress, stored.notices) == (35, [])


def test_refresh_reads_what_another_worker_stored(jobs):
    jobs.create(job("j", QUEUED))
    mine, theirs = jobs.get("t1", "j"), jobs.get("t1", "j")
    jobs.move(theirs, "start")
    jobs.refresh(mine)
    assert mine == theirs and mine.status == RUNNING


def test_issues_are_kept_per_job(jobs):
    mine = job("j", COMPLETED)
    assert jobs.load_issues(mine) == {}
    mine.issues_key = jobs.save_issues("t1", "j", {"errors": [{"row": 2, "message": "手机号格式不正确"}]})
    assert jobs.load_issues(mine) == {"errors": [{"row": 2, "message": "手机号格式不正确"}]}
