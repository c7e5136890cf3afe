"""Housekeeping on small fakes: uploads whose file never came expire after 24 h; stuck class updates are queued
again once per run."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.domain.import_job_status import EXPIRED, LATE_FILE_MESSAGE, RUNNING, WAITING_UPLOAD
from chalicelib.services.analyses import class_update_retry
from chalicelib.services.imports import expiry
from tests.fakes.import_jobs import FakeImportJobs

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def ago(**delta) -> str:
    return (NOW - timedelta(**delta)).isoformat(timespec="seconds")


def upload(import_id: str, created_at: str, status: str = WAITING_UPLOAD, awaiting_file: str | None = "upload",
           message: str = "") -> ImportJob:
    return ImportJob("t1", import_id, kind="customers", source="upload", filename="客户.csv", status=status,
                     created_by="boss", created_at=created_at, awaiting_file=awaiting_file, message=message)


def test_an_upload_waiting_more_than_a_day_expires_with_a_message_and_a_younger_one_waits():
    jobs = FakeImportJobs(upload("old", ago(hours=24, seconds=1)), upload("young", ago(hours=23)))
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 1
    old = jobs.get("t1", "old")
    assert (old.status, old.awaiting_file, old.finished_at) == (EXPIRED, None, NOW.isoformat())
    assert "已过期" in old.message and "重新上传" in old.message
    assert jobs.get("t1", "young").status == WAITING_UPLOAD


def test_a_job_whose_file_arrived_first_is_left_running_and_drops_its_stale_marker():
    # Given a job the file's import started after housekeeping read the index
    jobs = FakeImportJobs(upload("raced", ago(hours=30), status=RUNNING, awaiting_file="upload"))
    # When housekeeping runs, the conditional move fails: the import wins
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 0
    late = jobs.get("t1", "raced")
    assert (late.status, late.awaiting_file) == (RUNNING, None)


def test_running_twice_expires_once():
    jobs = FakeImportJobs(upload("old", ago(days=2)))
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 1
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 0


def test_a_file_arriving_for_an_expired_job_is_refused_with_the_reason_once():
    jobs = FakeImportJobs(upload("old", ago(days=2), status=EXPIRED, awaiting_file=None))
    job = jobs.get("t1", "old")
    expiry.refuse_late_file(job, jobs=jobs)
    expiry.refuse_late_file(job, jobs=jobs)  # a redelivered event changes nothing more
    stored = jobs.get("t1", "old")
    assert (stored.status, stored.message, jobs.writes) == (EXPIRED, LATE_FILE_MESSAGE, 1)


class FakeAnalyses:
    """The analysis store's pending-class-update contract, in memory."""

    def __init__(self, pending: dict[tuple[str, str], str]):
        self.pending = dict(pending)  # (tenant_id, analysis_id) -> pending_since

    def pending_class_updates(self, before: str) -> list[dict]:
        return [{"tenant_id": t, "analysis_id": a, "pending_since": since}
                for (t, a), since in sorted(self.pending.items()) if since < before]

    def claim_requeue(self, tenant_id: str, analysis_id: str, seen_since: str, at: str) -> bool:
        if self.pending.get((tenant_id, analysis_id)) != seen_since:
            return False
        self.pending[(tenant_id, analysis_id)] = at
        return True


def test_class_updates_pending_for_fifteen_minutes_are_queued_again_and_fresher_ones_are_left():
    analyses = FakeAnalyses({("t1", "a1"): ago(minutes=16), ("t2", "a2"): ago(minutes=14)})
    sent = []
    queued = class_update_retry.requeue_stuck(NOW, analyses=analyses, send=lambda *key: sent.append(key))
    assert (queued, sent) == (1, [("t1", "a1")])


def test_a_second_run_at_the_same_time_queues_nothing_more():
    analyses = FakeAnalyses({("t1", "a1"): ago(hours=2)})
    sent = []
    for _ in range(2):
        class_update_retry.requeue_stuck(NOW, analyses=analyses, send=lambda *key: sent.append(key))
    assert sent == [("t1", "a1")]


def test_an_update_claimed_by_an_overlapping_run_is_not_queued_twice():
    analyses = FakeAnalyses({("t1", "a1"): ago(hours=2)})
    stale_view = analyses.pending_class_updates(NOW.isoformat())
    analyses.claim_requeue("t1", "a1", stale_view[0]["pending_since"], NOW.isoformat())  # the other run got there first
    analyses.pending_class_updates = lambda before: stale_view  # this run read the index before that
    sent = []
    assert class_update_retry.requeue_stuck(NOW, analyses=analyses, send=lambda *key: sent.append(key)) == 0
    assert sent == []
