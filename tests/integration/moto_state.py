"""Emptying moto between tests instead of re-creating every table, bucket and queue.

Creating the ~40 tables, buckets and queues of infra/resources.json costs 1.5–3 s a test on this machine; the
integration suite has hundreds of tests. The resources are created once per worker, and after each test every
item, object, message and SMS is dropped from moto's in-memory backends: the next test starts as empty as a
fresh bootstrap left it. A test that added or removed a resource itself gets a full re-bootstrap instead.
"""
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.base_backend import BackendDict
from moto.dynamodb.models import dynamodb_backends
from moto.s3.models import FakeKey, MultipartDict, _VersionedKeyStore, s3_backends
from moto.sns.models import sns_backends
from moto.sqs.models import sqs_backends

from chalicelib import config


def _backends():
    region = config.region()
    return (dynamodb_backends[DEFAULT_ACCOUNT_ID][region], s3_backends[DEFAULT_ACCOUNT_ID]["global"],
            sqs_backends[DEFAULT_ACCOUNT_ID][region], sns_backends[DEFAULT_ACCOUNT_ID][region])


def layout() -> tuple[frozenset, frozenset, frozenset]:
    """The names of every table, bucket and queue now in moto."""
    dynamodb, s3, sqs, _ = _backends()
    return frozenset(dynamodb.tables), frozenset(s3.buckets), frozenset(sqs.queues)


def empty() -> None:
    """Drop every item, object, message and recorded SMS; keep the resources and their settings."""
    dynamodb, s3, sqs, sns = _backends()
    for table in dynamodb.tables.values():
        table.items.clear()
    for bucket in s3.buckets.values():
        for _, versions in bucket.keys.iterlists():
            for key in versions:
                if isinstance(key, FakeKey):
                    key.dispose()
        for part in bucket.multiparts.values():
            part.dispose()
        bucket.keys = _VersionedKeyStore()
        bucket.multiparts = MultipartDict()
    for queue in sqs.queues.values():
        with queue._messages_lock:
            queue._messages.clear()
            queue._pending_messages.clear()
    sns.sms_messages.clear()


def reset() -> None:
    """Forget every resource (moto's own reset between mocks)."""
    BackendDict.reset()
