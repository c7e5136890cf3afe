"""Import services whose rules need only the import-job store, on its in-memory fake (tests/fakes/import_jobs.py):
what the page shows of a job, the history's pages, and a run refused before or at reading the file."""
import pytest

from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.domain.import_job_status import COMPLETED, EXPIRED, QUEUED, REJECTED
from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.errors import FileRejected, MissingColumns, NotFound
from chalicelib.services.imports import jobs as import_jobs_service
from chalicelib.services.imports import runner, view
from tests.fakes.import_jobs import FakeImportJobs


def job(import_id: str = "20261201080000-a", status: str = QUEUED, **values) -> ImportJob:
    values = {"kind": CUSTOMERS, "source": "upload", "filename": "客户.csv", "created_by": "boss",
              "created_at": "2026-12-01T08:00:00", "object_key": f"imports/t1/{import_id}/source.csv", **values}
    return ImportJob("t1", import_id, status=status, **values)


def never_read():
    raise AssertionError("the file must not be read")


def test_a_job_shows_every_count_and_a_finished_dry_run_says_it_wrote_nothing():
    shown = view.public(job(status=COMPLETED, dry_run=True, counts={"new": 3}), jobs=FakeImportJobs())
    assert shown["counts"] == {"new": 3, "updated": 0, "unchanged": 0, "skipped": 0, "errors": 0, "warnings": 0,
                               "attached": 0}
    assert (shown["status_label"], shown["can_retry"], shown["can_rollback"]) == ("试运行通过（未写入）", True, False)


def test_only_a_completed_real_order_import_that_added_orders_can_be_rolled_back():
    assert view.can_rollback(job(status=COMPLETED, kind=ORDERS, counts={"new": 2}))
    assert not view.can_rollback(job(status=COMPLETED, kind=ORDERS, counts={"new": 0}))
    assert not view.can_rollback(job(status=COMPLETED, kind=ORDERS, counts={"new": 2}, dry_run=True))
    assert not view.can_rollback(job(status=COMPLETED, kind=CUSTOMERS, counts={"new": 2}))


def test_a_refused_upload_can_be_imported_again_but_a_refused_api_push_cannot():
    assert view.can_retry(job(status=REJECTED))
    assert not view.can_retry(job(status=REJECTED, source="api", object_key=None))
    assert not view.can_retry(job(status=COMPLETED))


def test_the_page_shows_the_first_500_issues_and_the_missing_columns():
    jobs = FakeImportJobs()
    rejected = job(status=REJECTED)
    rejected.issues_key = jobs.save_issues("t1", rejected.import_id, {
        "errors": [{"row": n} for n in range(2, 700)], "columns": {"code": "MISSING_COLUMNS", "missing": ["mobile"]}})
    shown = view.public(rejected, with_issues=True, jobs=jobs)
    assert (len(shown["errors"]), shown["skipped"], shown["missing_columns"]["missing"]) == (500, [], ["mobile"])


def test_the_history_pages_newest_first_and_an_unknown_or_malformed_id_is_not_found():
    jobs = FakeImportJobs(*(job(f"2026120{day}080000-a") for day in range(1, 6)))
    page = import_jobs_service.history("t1", page=2, size=2, jobs=jobs)
    assert ([item["import_id"] for item in page["items"]], page["total"]) == (
        ["20261203080000-a", "20261202080000-a"], 5)
    for import_id in ("20261209080000-a", "../x", ""):
        with pytest.raises(NotFound):
            import_jobs_service.get("t1", import_id, jobs=jobs)


def test_a_job_housekeeping_expired_first_is_not_imported():
    jobs = FakeImportJobs(job(status=EXPIRED))
    mine = jobs.get("t1", "20261201080000-a")
    assert runner.run(mine, never_read, jobs=jobs).status == EXPIRED
    assert jobs.get("t1", "20261201080000-a").attempts == 0


def test_a_file_without_a_required_column_is_rejected_with_its_headers_for_a_column_mapping():
    jobs = FakeImportJobs(job())
    mine = jobs.get("t1", "20261201080000-a")

    def missing():
        raise MissingColumns("缺少必填列：手机号", [{"field": "mobile", "message": "缺少必填列"}], ["编号", "电话"],
                             ["mobile"])

    runner.run(mine, missing, jobs=jobs)
    stored = jobs.get("t1", "20261201080000-a")
    assert (stored.status, stored.counts, stored.progress, stored.attempts) == (REJECTED, {"errors": 1}, 100, 1)
    assert stored.message == "缺少必填列：手机号" and stored.finished_at
    issues = jobs.load_issues(stored)
    assert issues["columns"] == {"code": "MISSING_COLUMNS", "headers": ["编号", "电话"], "missing": ["mobile"]}
    assert issues["errors"] == [{"row": 1, "column": "mobile", "message": "缺少必填列"}]


def test_an_unreadable_file_is_rejected_once_and_a_second_delivery_finds_it_finished():
    jobs = FakeImportJobs(job())

    def unreadable():
        raise FileRejected("无法读取文件：请另存为 .xlsx 后重新上传")

    runner.run(jobs.get("t1", "20261201080000-a"), unreadable, jobs=jobs)
    again = runner.run(jobs.get("t1", "20261201080000-a"), never_read, jobs=jobs)
    assert (again.status, again.attempts, jobs.writes) == (REJECTED, 1, 1)
