"""A tenant with known customers and orders, and the analysis worker's queue drained on demand."""
import pytest

from chalicelib.adapters.aws import client
from chalicelib.events.analyses import handle_message
from local.event_pump import EventPump
from tests.integration.helpers import approved_tenant
from tests.integration.import_helpers import CUSTOMER_HEADER, ORDER_HEADER, csv_file, customer_rows, run_import

WINDOW = {"start": "2026-01-01", "end": "2026-03-31"}
ORDERS = [  # China time
    "SO1,C00001,2026-03-25 10:00,500.00", "SO2,C00001,2026-03-28 10:00,500.00", "SO3,C00001,2026-03-30 10:00,500.00",
    "SO4,C00002,2026-01-05 10:00,20.00",
    "SO5,C00003,2026-03-20 10:00,50.00", "SO6,C00003,2026-03-21 10:00,60.00",
    "SO7,C00004,2026-02-10 10:00,800.00",
    "SO8,C00005,2025-12-20 10:00,300.00",  # outside the window: no purchase
]  # C00006 never ordered


def deliver_analyses(resources) -> int:
    """Hand every queued analysis message to the worker, as the Lambda SQS trigger would."""
    return EventPump(client("sqs"), resources.queues["AnalysisQueue"], handle_message).drain()


def stock_tenant(api, resources, token: str, orders=ORDERS) -> None:
    """Six customers C00001-C00006 and the orders above, imported the way a user imports them."""
    assert run_import(api, resources, token, "customers", csv_file(CUSTOMER_HEADER, *customer_rows(6)))[
        "status"] == "completed"
    assert run_import(api, resources, token, "orders", csv_file(ORDER_HEADER, *orders))["status"] == "completed"


def preview(api, token: str, **params) -> dict:
    answer = api.post("/api/analyses", {**WINDOW, **params}, token=token)
    assert answer.status_code == 200, answer.data
    return answer.data


def saved(api, resources, token: str, **params) -> dict:
    """Preview, save and let the worker update the classes; the saved analysis."""
    analysis_id = preview(api, token, **params)["analysis_id"]
    answer = api.post(f"/api/analyses/{analysis_id}/save", token=token)
    assert answer.status_code == 200, answer.data
    deliver_analyses(resources)
    return api.get(f"/api/analyses/{analysis_id}", token=token).data


@pytest.fixture
def tenant(api, aws):
    """An approved tenant stocked with the standard customers and orders: (tenant_id, token)."""
    tenant_id, token = approved_tenant(api, 1)
    stock_tenant(api, aws, token)
    return tenant_id, token


def classes_of(api, token) -> dict:
    """customer_code -> current class, as the customer list shows it."""
    items = api.get("/api/customers?size=100", token=token).data["items"]
    return {c["customer_code"]: c["rfm_class"] for c in items}
