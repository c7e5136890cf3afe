"""Logs and metrics through the real wiring: every Lambda function is observed; API refusals carry the route
keys and count ApiErrors; an invoked worker logs with its correlation id."""
import json

from app import app
from tests.integration.helpers import approved_tenant
from tests.log_scan import LogCapture


def emf(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"_aws"')]


def test_every_lambda_function_but_the_api_runs_under_observed():
    functions = {name: handler.func for name, handler in app.handler_map.items()
                 if hasattr(handler, "func")}  # schedules, queues and the authorizer (routes are plain views)
    assert "import_worker" in functions and "jwt_authorizer" in functions
    unobserved = sorted(name for name, func in functions.items() if not getattr(func, "observed_kind", None))
    assert unobserved == [], f"add @observed(...) under the chalice decorator of {unobserved}"


def test_a_refused_request_logs_who_and_where_and_counts_the_error(api, capsys):
    tenant_id, token = approved_tenant(api, seed=31)
    capsys.readouterr()
    with LogCapture() as capture:
        answer = api.get("/api/admin/tenants", token=token)
    assert answer.status_code == 403
    [line] = [json.loads(x) for x in capture.lines if '"request refused"' in x]
    assert (line["route"], line["method"], line["tenant_id"], line["username"], line["code"], line["status"]) == (
        "/api/admin/tenants", "GET", tenant_id, "pharmacy31", "FORBIDDEN", 403)
    blobs = emf(capsys.readouterr().out)
    assert [b["ApiErrors"] for b in blobs if b.get("code") == "FORBIDDEN"] == [[1.0]]
    assert [b["ApiErrors"] for b in blobs if "code" not in b] == [[1.0]]


def test_an_invoked_schedule_logs_start_and_end_with_its_event_id(api):
    event = api.client.events.generate_cw_event("aws.events", "Scheduled Event", {}, [])
    event["time"] = "2026-11-30T18:00:00Z"
    with LogCapture() as capture:
        api.client.lambda_.invoke("monthly_analysis", event)
    lines = [json.loads(x) for x in capture.lines if '"event_kind"' in x]
    assert (lines[0]["message"], lines[-1]["message"]) == ("monthly_analysis started", "monthly_analysis done")
    assert {x["correlation_id"] for x in lines} == {event["id"]}


def test_an_invoked_worker_names_the_tenant_of_its_message(api):
    body = json.dumps({"kind": "export", "tenant_id": "t-missing", "job_id": "j-missing"})
    with LogCapture() as capture:
        try:
            api.client.lambda_.invoke("data_job_worker", api.client.events.generate_sqs_event([body]))
        except Exception:  # a job that does not exist may be refused; the log lines are what matter here
            pass
    lines = [json.loads(x) for x in capture.lines if '"event_kind"' in x]
    assert lines and {(x["tenant_id"], x["correlation_id"]) for x in lines} == {("t-missing", "message-id")}
