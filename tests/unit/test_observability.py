"""chalicelib/observability: handler keys on every log line, metrics flushed as EMF in the contract's shape."""
import json
from types import SimpleNamespace

import pytest
from chalice.app import AuthRequest, CloudWatchEvent, SQSEvent

from chalicelib import observability
from chalicelib.observability import add_metric, count_error, logger, mask_mobile, observed, redact
from tests.log_scan import LogCapture

CONTEXT = SimpleNamespace(aws_request_id="lambda-req-1", function_name="jzyx-dev-import_worker")
CONTRACT_METRICS = {"ImportRows": "Count", "ImportSeconds": "Seconds", "ImportsCompleted": "Count",
                    "ImportsFailed": "Count", "AnalysisSeconds": "Seconds", "AnalysesSaved": "Count",
                    "ClassUpdates": "Count", "SmsSent": "Count", "SmsFailed": "Count", "SmsCostYuan": "Count",
                    "ApiErrors": "Count"}


@pytest.fixture(autouse=True)
def metrics_on(monkeypatch):
    monkeypatch.delenv("POWERTOOLS_METRICS_DISABLED", raising=False)
    monkeypatch.delenv("POWERTOOLS_DEV", raising=False)
    observability.metrics.clear_metrics()
    yield
    observability.metrics.clear_metrics()


def sqs_event(body: dict | str, message_id: str = "msg-1") -> SQSEvent:
    return SQSEvent({"Records": [{"messageId": message_id, "receiptHandle": "rh",
                                  "body": body if isinstance(body, str) else json.dumps(body), "attributes": {}}]}, CONTEXT)


def schedule_event() -> CloudWatchEvent:
    return CloudWatchEvent({"version": "0", "account": "1", "region": "us-east-1", "detail": {}, "resources": [],
                            "detail-type": "Scheduled Event", "source": "aws.events", "time": "2026-12-01T00:00:00Z",
                            "id": "sched-42"}, CONTEXT)


def records(capture: LogCapture) -> list[dict]:
    return [json.loads(line) for line in capture.lines]


def emf_blobs(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"_aws"')]


def test_observed_puts_the_keys_on_every_line_and_flushes_the_metrics(capsys):
    @observed("analysis_worker")
    def handler(event):
        add_metric("AnalysesSaved", 1)
        logger.info("working")

    with LogCapture() as capture:
        handler(sqs_event({"kind": "class_update", "tenant_id": "t-1", "analysis_id": "a-1"}))
    lines = records(capture)
    assert [line["message"] for line in lines] == ["analysis_worker started", "working", "analysis_worker done"]
    for line in lines:
        assert (line["event_kind"], line["tenant_id"], line["correlation_id"], line["request_id"]) == (
            "analysis_worker", "t-1", "msg-1", "lambda-req-1")
    assert isinstance(lines[-1]["duration_ms"], int)
    [blob] = emf_blobs(capsys.readouterr().out)
    assert blob["AnalysesSaved"] == [1.0]
    assert blob["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Jzyx"
    assert blob["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["service"]]
    assert blob["service"] == "jzyx"


def test_the_keys_end_with_the_handler():
    @observed("analysis_worker")
    def handler(event):
        return "ok"

    with LogCapture() as capture:
        assert handler(sqs_event({"tenant_id": "t-1"})) == "ok"
        logger.info("later")
    after = records(capture)[-1]
    assert after["message"] == "later"
    assert not {"tenant_id", "correlation_id", "event_kind"} & set(after)


def test_a_failing_handler_is_logged_with_its_traceback_flushed_and_raised(capsys):
    @observed("import_worker")
    def handler(event):
        add_metric("ImportsFailed", 1)
        raise RuntimeError("disk on fire")

    with LogCapture() as capture, pytest.raises(RuntimeError):
        handler(sqs_event({"tenant_id": "t-2"}))
    failed = records(capture)[-1]
    assert failed["message"] == "import_worker failed" and failed["level"] == "ERROR"
    assert "disk on fire" in failed["exception"] and failed["tenant_id"] == "t-2"
    assert emf_blobs(capsys.readouterr().out)[0]["ImportsFailed"] == [1.0]


def test_an_upload_event_names_its_tenant_and_is_followed_by_its_etag():
    s3_event = {"detail": {"bucket": {"name": "uploads"},
                           "object": {"key": "imports/t-9/job-1/source.csv", "etag": "abc123"}}}
    re_sent = {"lease_wait": {"waits": 2, "since": "2026-12-01T00:00:00+00:00"}, "work": s3_event}
    for body in (s3_event, re_sent):
        keys = observability.event_keys(sqs_event(body, message_id="another-each-time"))
        assert (keys["tenant_id"], keys["correlation_id"]) == ("t-9", "abc123")


def test_a_schedule_is_followed_by_its_event_id_and_the_authorizer_by_nothing_of_the_token():
    assert observability.event_keys(schedule_event()) == {"request_id": "lambda-req-1", "correlation_id": "sched-42"}
    assert observability.event_keys(AuthRequest("TOKEN", "Bearer secret", "arn:x")) == {"request_id": ""}
    assert observability.event_keys(sqs_event("not json")) == {
        "request_id": "lambda-req-1", "correlation_id": "msg-1"}


def test_a_quiet_handler_logs_start_and_end_at_debug_only():
    @observed("campaign_clock", quiet=True)
    def handler(event):
        return None

    with LogCapture() as capture:
        handler(schedule_event())
    assert capture.lines == []


def test_every_contract_metric_is_emitted_with_its_unit_in_one_blob(capsys):
    for name, unit in CONTRACT_METRICS.items():
        add_metric(name, 2, unit)
    observability.flush()
    [blob] = emf_blobs(capsys.readouterr().out)
    emitted = {m["Name"]: m["Unit"] for m in blob["_aws"]["CloudWatchMetrics"][0]["Metrics"]}
    assert emitted == CONTRACT_METRICS
    assert blob["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["service"]]


def test_nothing_recorded_prints_nothing(capsys):
    observability.flush()
    assert capsys.readouterr().out == ""


def test_an_api_error_counts_once_alarmed_and_once_by_code(capsys):
    count_error("FORBIDDEN")
    observability.flush()
    blobs = emf_blobs(capsys.readouterr().out)
    by_code = [b for b in blobs if "code" in b]
    plain = [b for b in blobs if "code" not in b]
    assert by_code[0]["code"] == "FORBIDDEN" and by_code[0]["ApiErrors"] == [1.0]
    assert sorted(by_code[0]["_aws"]["CloudWatchMetrics"][0]["Dimensions"][0]) == ["code", "service"]
    assert plain[0]["ApiErrors"] == [1.0] and plain[0]["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["service"]]


def test_disabled_metrics_are_dropped_not_kept(monkeypatch, capsys):
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    add_metric("SmsSent", 3)
    count_error("CONFLICT")
    observability.flush()
    assert capsys.readouterr().out == ""
    assert not observability.metrics.metric_set


def test_mobiles_are_masked():
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("") == "****"
    assert redact("Invalid parameter: PhoneNumber +8613812345678, 013912345678 and 13912345678") == (
        "Invalid parameter: PhoneNumber +86138****5678, 013912345678 and 139****5678")
    assert redact('"tenant_id":"14409480805b436a98c9ab77041565c2"') == '"tenant_id":"14409480805b436a98c9ab77041565c2"'
