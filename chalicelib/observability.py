"""Logs, metrics and traces (aws-lambda-powertools), configured here once for every handler.

`logger` writes JSON lines; never give it a mobile, a name, an ID number or an SMS text
(`mask_mobile` a number that must appear). `add_metric` records one EMF metric in namespace Jzyx
with the single dimension service=jzyx; the handler decorators (`observed`, api/http.route) flush them.
"""
import functools
import json
import logging
import re
import time
from contextlib import contextmanager

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.metrics import MetricUnit, single_metric
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

from chalicelib.domain import fields
from chalicelib.domain.lease_wait import unwrap

SERVICE = "jzyx"
NAMESPACE = "Jzyx"
ERROR_METRIC = "ApiErrors"


class _Redacting(LambdaPowertoolsFormatter):
    """The JSON line with any mobile that slipped into it (an exception's text, a library's message) masked;
    the code itself never logs one (the integration suite's log scan reads the lines before this mask)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


logger = Logger(service=SERVICE, logger_formatter=_Redacting())
logger._logger.propagate = False  # its own JSON handler writes each line; the root logger's would repeat it
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
# Off outside Lambda (tests, the local stack); POWERTOOLS_TRACE_DISABLED=true turns it off inside. Only AWS calls
# are patched: X-Ray's botocore whitelist records table and queue names, never an SMS's number or text.
tracer = Tracer(service=SERVICE, patch_modules=("botocore",))

# A mainland mobile, also as SNS writes it (+8613812345678); never part of a longer run of letters or digits (ids).
MOBILE = re.compile(r"(?<![0-9A-Za-z])(\+?86)?(1[3-9]\d)\d{4}(\d{4})(?![0-9A-Za-z])")
_UPLOAD_KEY = re.compile(r"^(?:imports|drop)/([\w-]+)/")


def mask_mobile(mobile: str) -> str:
    """138****1234 (anything but 11 digits: ****)."""
    return fields.mask_mobile(mobile or "")


def redact(text: str) -> str:
    """The text with every mainland mobile in it masked (for provider error messages we do not control)."""
    return MOBILE.sub(r"\1\2****\3", str(text))


def add_metric(name: str, value: float, unit: str = "Count") -> None:
    """One metric (namespace Jzyx, dimension service=jzyx), sent when the handler flushes."""
    metrics.add_metric(name=name, unit=unit, value=value)


def count_error(code: str) -> None:
    """An API error: ApiErrors (alarmed) and ApiErrors by `code` (for the dashboard)."""
    add_metric(ERROR_METRIC, 1)
    if is_metrics_disabled():
        return
    with single_metric(name=ERROR_METRIC, unit=MetricUnit.Count, value=1, namespace=NAMESPACE,
                       default_dimensions={"service": SERVICE}) as metric:
        metric.add_dimension(name="code", value=code or "UNKNOWN")


def flush() -> None:
    """Print the metrics recorded so far as one EMF line (nothing when there are none)."""
    if not metrics.metric_set:
        return
    if is_metrics_disabled():
        metrics.clear_metrics()
    else:
        metrics.flush_metrics()


@contextmanager
def log_context(**keys):
    """Keys on every log line of this thread until the block ends (empty values left out)."""
    keys = {name: value for name, value in keys.items() if value not in (None, "")}
    logger.thread_safe_append_keys(**keys)
    try:
        yield
    finally:
        logger.thread_safe_remove_keys(list(keys))


def observed(kind: str, quiet: bool = False):
    """Decorate a Lambda event handler: correlation id, tenant and kind on its log lines, start and end logged
    with the duration, a trace subsegment, metrics flushed. `quiet` (frequent events): start and end at debug level."""
    def decorator(handler):
        @functools.wraps(handler)
        def wrapper(event, *args):
            with log_context(event_kind=kind, **event_keys(event)):
                return _run(kind, quiet, handler, event, *args)
        wrapper.observed_kind = kind  # tests check that every Lambda function has it
        return wrapper
    return decorator


def _run(kind: str, quiet: bool, handler, event, *args):
    started, log = time.monotonic(), (logger.debug if quiet else logger.info)
    log(f"{kind} started")
    try:
        with tracer.provider.in_subsegment(f"## {kind}") as subsegment:
            subsegment.put_annotation("event_kind", kind)
            result = handler(event, *args)
    except Exception:
        logger.exception(f"{kind} failed", extra={"duration_ms": _ms(started)})
        raise
    finally:
        flush()
    log(f"{kind} done", extra={"duration_ms": _ms(started)})
    return result


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def event_keys(event) -> dict:
    """correlation_id, tenant_id and the Lambda request id of a chalice SQS, schedule or authorizer event."""
    context = getattr(event, "context", None)
    keys = {"request_id": getattr(context, "aws_request_id", "")}
    if hasattr(event, "event_id"):  # a schedule (CloudWatchEvent)
        return {**keys, "correlation_id": event.event_id}
    records = list(event) if hasattr(event, "__iter__") else []
    if records:
        message = records[0].to_dict()
        return {**keys, "correlation_id": message.get("messageId", ""), **_body_keys(message.get("body") or "")}
    return keys


def _body_keys(body: str) -> dict:
    """The tenant (and an upload's etag as correlation id) named by a queued message's body."""
    try:
        work, _ = unwrap(json.loads(body))
        item = (work.get("detail") or {}).get("object") or {}
        upload = _UPLOAD_KEY.match(str(item.get("key", "")))
        keys = {"tenant_id": str(work.get("tenant_id") or (upload.group(1) if upload else ""))}
        etag = item.get("etag") or item.get("eTag")
    except (ValueError, AttributeError, TypeError):  # not a body we know: the message id alone follows it
        return {}
    return {**keys, "correlation_id": str(etag)} if etag else keys
