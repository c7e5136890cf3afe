"""Housekeeping on small fakes: uploads whose file never came expire after 24 h; stuck class updates are queued
again once per run."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from chalicelib.domain import import_job_status as lifecycle
from chalicelib.domain.import_job_status import EXPIRED, LATE_FILE_MESSAGE, RUNNING, WAITING_UPLOAD
from chalicelib.services.analyses import class_update_retry
from chalicelib.services.imports import expiry

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def ago(**delta) -> str:
    return (NOW - timedelta(**delta)).isoformat(timespec="seconds")


@dataclass
class Job:
    import_id: str
    created_at: str
    status: str = WAITING_UPLOAD
    message: str = ""
    awaiting_file: str | None = "upload"
    values: dict = field(default_factory=dict)


class FakeJobs:
    """The import-job store's housekeeping contract, in memory (adapters/import_jobs.py on moto does the same)."""

    def __init__(self, *jobs: Job):
        self.jobs = {job.import_id: job for job in jobs}
        self.saved = 0

    def awaiting_file_since_before(self, cutoff: str) -> list[Job]:
        return sorted((job for job in self.jobs.values() if job.awaiting_file and job.created_at < cutoff),
                      key=lambda job: job.created_at)

    def move(self, job: Job, step: str, **values) -> bool:
        stored = self.jobs[job.import_id]
        if stored.status not in lifecycle.sources(step):
            return False
        stored.status, stored.values = lifecycle.target(step), values
        stored.message = values.get("message", stored.message)
        if stored.status != WAITING_UPLOAD:
            stored.awaiting_file = None
        return True

    def forget_awaiting(self, job: Job) -> None:
        self.jobs[job.import_id].awaiting_file = None

    def save(self, job: Job) -> None:
        self.saved += 1
        self.jobs[job.import_id] = job


def test_an_upload_waiting_more_than_a_day_expires_with_a_message_and_a_younger_one_waits():
    jobs = FakeJobs(Job("old", ago(hours=24, seconds=1)), Job("young", ago(hours=23)))
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 1
    old = jobs.jobs["old"]
    assert (old.status, old.awaiting_file, old.values["finished_at"]) == (EXPIRED, None, NOW.isoformat())
    assert "已过期" in old.message and "重新上传" in old.message
    assert jobs.jobs["young"].status == WAITING_UPLOAD


def test_a_job_whose_file_arrived_first_is_left_running_and_drops_its_stale_marker():
    # Given a job the file's import started after housekeeping read the index
    late = Job("raced", ago(hours=30), status=RUNNING, awaiting_file="upload")
    jobs = FakeJobs(late)
    # When housekeeping runs, the conditional move fails: the import wins
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 0
    assert (late.status, late.awaiting_file) == (RUNNING, None)


def test_running_twice_expires_once():
    jobs = FakeJobs(Job("old", ago(days=2)))
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 1
    assert expiry.expire_stale_uploads(NOW, jobs=jobs) == 0


def test_a_file_arriving_for_an_expired_job_is_refused_with_the_reason_once():
    job = Job("old", ago(days=2), status=EXPIRED)
    jobs = FakeJobs(job)
    expiry.refuse_late_file(job, jobs=jobs)
    expiry.refuse_late_file(job, jobs=jobs)  # a redelivered event changes nothing more
    assert (job.status, job.message, jobs.saved) == (EXPIRED, LATE_FILE_MESSAGE, 1)


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
