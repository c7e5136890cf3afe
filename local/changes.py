"""Which tables and buckets the embedded AWS has written to since the last save.

Every write reaches moto through its HTTP server (the API, the pumps and `make monthly` all use
boto3 or PynamoDB against it), so a WSGI wrapper around moto sees them all. A name is marked only
after moto has answered the request: a save that takes the marks and then reads a table either
sees a write, or the write marks the table again for the next save. Over-marking (a failed
conditional write, a name that is no table of ours) only costs a save of something unchanged.
"""
import io
import json
import threading

# DynamoDB operations that never change data; every other one marks the tables its body names.
_READ_ONLY = {"GetItem", "BatchGetItem", "Query", "Scan", "DescribeTable", "ListTables", "DescribeTimeToLive",
              "TransactGetItems", "DescribeContinuousBackups", "ListTagsOfResource", "DescribeLimits",
              "DescribeEndpoints"}
_WRITES = {"PUT", "POST", "DELETE"}
EVERYTHING = "*"  # a write whose targets could not be told: every table is marked


class ChangeLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._tables: set[str] = set()
        self._buckets: set[str] = set()

    def mark(self, tables=(), buckets=()) -> None:
        with self._lock:
            self._tables.update(tables)
            self._buckets.update(buckets)

    def take(self) -> tuple[set, set]:
        """The names marked so far, forgotten here: a failed save hands them back with mark()."""
        with self._lock:
            taken = self._tables, self._buckets
            self._tables, self._buckets = set(), set()
            return taken

    def clear(self) -> None:
        self.take()


class ObserveWrites:
    """WSGI wrapper: marks the DynamoDB tables and S3 buckets each request wrote to."""

    def __init__(self, app, changes: ChangeLog):
        self.app, self.changes = app, changes

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] not in _WRITES:
            return self.app(environ, start_response)
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        tables = buckets = ()
        if target.startswith("DynamoDB_"):
            if target.rsplit(".", 1)[-1] not in _READ_ONLY:
                tables = _tables_named(_body(environ))
        elif not target:  # S3 speaks REST without a target; SQS or SNS query calls name no bucket of ours
            buckets = _bucket_named(environ)
        answer = self.app(environ, start_response)  # moto has applied the write when this returns
        if tables or buckets:
            self.changes.mark(tables, buckets)
        return answer


def _body(environ) -> bytes:
    """Read the request body and put it back for moto."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _tables_named(body: bytes) -> set:
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        return {EVERYTHING}
    names = set()
    if "TableName" in request:
        names.add(request["TableName"])
    names.update(request.get("RequestItems") or {})
    for action in request.get("TransactItems") or ():
        names.update(operation["TableName"] for operation in action.values() if "TableName" in operation)
    return names or {EVERYTHING}  # PartiQL statements and anything new: assume the worst


def _bucket_named(environ) -> set:
    names = set()
    first = environ.get("PATH_INFO", "").lstrip("/").split("/", 1)[0]
    if first:
        names.add(first)  # path-style addressing, what boto3 uses against a local endpoint
    host = environ.get("HTTP_HOST", "").split(":", 1)[0]
    if "." in host and not host.replace(".", "").isdigit():
        names.add(host.split(".", 1)[0])  # virtual-hosted style
    return names
