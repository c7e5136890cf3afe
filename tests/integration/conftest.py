"""moto-backed AWS (created once per worker, emptied after every test) and a chalice test client."""
import json

import moto  # noqa: F401  (imported before the app so its clients are mocked)
import pytest
from chalice.test import Client
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from chalicelib import config
from chalicelib.adapters import object_cache
from chalicelib.adapters.aws import client, reset_clients
from chalicelib.adapters.models import ALL_MODELS
from local import moto_transactions
from local.bootstrap import bootstrap, load_template
from tests.integration import moto_state
from tests.integration.log_scan_fixture import no_unmasked_mobile_in_logs  # noqa: F401  (autouse)

moto_transactions.install()


@pytest.fixture(scope="session")
def _moto():
    """Every table, bucket, queue and event rule of infra/resources.json, created in moto once per worker.

    moto patches boto3 only while a test that asks for `aws` runs (start without reset, stop keeping the
    data), so a test of the real local stack in the same worker still reaches its own moto server.
    """
    mock = mock_aws()
    mock.start()
    resources = _bootstrap()
    mock.stop(remove_data=False)
    yield mock, resources
    mock.start(reset=False)
    mock.stop()
    reset_clients()


def _bootstrap():
    reset_clients()
    for model in ALL_MODELS:
        model._connection = None
    return bootstrap(client("dynamodb"), client("s3"), load_template(), config.frontend_origin(),
                     sqs=client("sqs"), events=client("events")), moto_state.layout()


@pytest.fixture
def aws(_moto, monkeypatch):
    """Every resource of infra/resources.json, empty: what the previous test stored is gone."""
    mock, (resources, layout) = _moto
    mock.start(reset=False)
    try:
        if moto_state.layout() != layout:  # a test added or removed a resource: start over
            moto_state.reset()
            resources, _ = _bootstrap()
        monkeypatch.setenv("IMPORT_QUEUE_URL", resources.queues["ImportQueue"])
        monkeypatch.setenv("ANALYSIS_QUEUE_URL", resources.queues["AnalysisQueue"])
        monkeypatch.setenv("CAMPAIGN_QUEUE_URL", resources.queues["CampaignQueue"])
        monkeypatch.setenv("DATA_JOB_QUEUE_URL", resources.queues["DataJobQueue"])
        yield resources
    finally:
        moto_state.empty()
        object_cache.clear()
        mock.stop(remove_data=False)


@pytest.fixture
def api(aws):
    from app import app

    with Client(app) as test_client:
        yield Api(test_client)


class Api:
    """JSON calls against the chalice app, with an optional bearer token."""

    def __init__(self, test_client: Client):
        self.client = test_client

    def call(self, method: str, path: str, body=None, token: str | None = None, raw: bytes | None = None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        response = self.client.http.request(method, path, headers=headers, body=payload)
        response.data = json.loads(response.body) if response.body else None
        return response

    def get(self, path, token=None):
        return self.call("GET", path, token=token)

    def post(self, path, body=None, token=None):
        return self.call("POST", path, body if body is not None else {}, token=token)

    def put(self, path, body=None, token=None):
        return self.call("PUT", path, body if body is not None else {}, token=token)


def sent_sms() -> list[tuple[str, str]]:
    """(phone number, text) of every SMS moto's SNS recorded, oldest first."""
    backend = sns_backends[DEFAULT_ACCOUNT_ID][config.region()]
    return list(backend.sms_messages.values())
