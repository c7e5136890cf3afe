"""The hourly housekeeping schedule: uploads whose file never came expire; lost class updates are queued again."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters.aws import client
from chalicelib.domain.import_job_status import LATE_FILE_MESSAGE
from chalicelib.services import housekeeping
from tests.integration.analysis_helpers import deliver_analyses, preview, stock_tenant
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, csv_file, customer_rows, deliver, job, put_upload, start
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)


def fire(api, at: datetime) -> None:
    """The schedule's Lambda, as EventBridge invokes it at `at`."""
    event = api.client.events.generate_cw_event("aws.events", "Scheduled Event", {}, [])
    event["time"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    api.client.lambda_.invoke("housekeeping", event)


def later(**delta) -> datetime:
    return datetime.now(timezone.utc) + timedelta(**delta)


def customers_of(api, token) -> int:
    return api.get("/api/customers", token=token).data["total"]


def test_an_upload_whose_file_never_came_expires_after_a_day_and_a_late_file_is_refused(api, aws):
    # Given two uploads started now, one whose file arrives
    _, token = approved_tenant(api, 195)
    waiting = start(api, token, "customers", "客户.csv")
    done = start(api, token, "customers", "客户2.csv")
    put_upload(done, csv_file(CUSTOMER_HEADER, *customer_rows(2)))
    deliver(aws)
    # When housekeeping runs 23 hours later, then 25 hours later
    fire(api, later(hours=23))
    assert job(api, token, waiting["import_id"])["status"] == "waiting_upload"
    fire(api, later(hours=25))
    # Then the waiting job is 已过期, saying to upload again; the finished one is untouched
    expired = job(api, token, waiting["import_id"])
    assert (expired["status"], expired["status_label"], expired["can_retry"]) == ("expired", "已过期", False)
    assert "重新上传" in expired["message"]
    assert job(api, token, done["import_id"])["status"] == "completed"
    listed = {item["import_id"]: item["status_label"] for item in api.get("/api/imports", token=token).data["items"]}
    assert listed[waiting["import_id"]] == "已过期"
    # When the file arrives after all (a presigned POST used at the last moment)
    put_upload(waiting, csv_file(CUSTOMER_HEADER, *customer_rows(5, start=10)))
    deliver(aws)
    # Then it is not imported and the job says why
    late = job(api, token, waiting["import_id"])
    assert (late["status"], late["message"]) == ("expired", LATE_FILE_MESSAGE)
    assert customers_of(api, token) == 2


def test_a_file_arriving_as_the_job_expires_is_either_imported_or_refused_never_both(api, aws, atomic_dynamodb):
    _, token = approved_tenant(api, 196)
    started = start(api, token, "customers", "客户.csv")
    put_upload(started, csv_file(CUSTOMER_HEADER, *customer_rows(3)))
    # When the import and the expiry run at the same moment
    all_at_once(lambda: deliver(aws), lambda: housekeeping.run(later(hours=25)))
    # Then exactly one of them won, and what the job says matches what was written
    final = job(api, token, started["import_id"])
    assert (final["status"], customers_of(api, token)) in (("completed", 3), ("expired", 0)), final
    deliver(aws)  # a redelivered event changes nothing
    assert job(api, token, started["import_id"])["status"] == final["status"]


def test_a_class_update_whose_message_was_lost_is_queued_again_once_per_run(api, aws):
    # Given a saved analysis whose class-update message never reached the worker
    _, token = approved_tenant(api, 197)
    stock_tenant(api, aws, token)
    analysis_id = preview(api, token)["analysis_id"]
    assert api.post(f"/api/analyses/{analysis_id}/save", token=token).status_code == 200
    client("sqs").purge_queue(QueueUrl=aws.queues["AnalysisQueue"])
    # When housekeeping runs 10 minutes later, nothing is queued yet (the worker may still be busy)
    fire(api, later(minutes=10))
    assert deliver_analyses(aws) == 0
    # When it runs 16 minutes later, twice (a retried invocation)
    fire(api, later(minutes=16))
    fire(api, later(minutes=16))
    # Then one message was queued, and the worker brought the classes in line
    assert deliver_analyses(aws) == 1
    assert api.get(f"/api/analyses/{analysis_id}", token=token).data["class_update"]["status"] == "done"
    # And a settled update is never queued again
    fire(api, later(hours=3))
    assert deliver_analyses(aws) == 0
