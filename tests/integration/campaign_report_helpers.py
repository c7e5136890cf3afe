"""A started campaign written straight through the adapters (its plan of sent and control recipients) and the
orders its recipients placed afterwards, imported as a tenant would."""
import time
from datetime import datetime, timedelta, timezone

import numpy as np

from chalicelib.adapters import campaign_plans, campaign_store
from tests.integration.import_helpers import ORDER_HEADER, csv_file, run_import

CHINA = timezone(timedelta(hours=8))
DAY = 86400


def started_campaign(tenant_id: str, campaign_id: str, days_ago: float, sent: list[str], control: list[str],
                     plan_id: str | None = None, **fields) -> int:
    """Write a campaign that started `days_ago` days ago with this plan; its start as epoch seconds."""
    started = int(time.time() - days_ago * DAY)
    at = datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds")
    campaign_store.create(tenant_id, {
        "campaign_id": campaign_id, "name": f"活动{campaign_id}", "template_id": "tpl1", "status": "done",
        "plan_id": plan_id, "created_by": "boss", "created_at": at, "planned_at": at, "started_at": at,
        "planned": len(sent), "held_out": len(control), "sent": len(sent), "parts": 1, "price_li": 55, **fields})
    codes = sent + control
    campaign_plans.write(tenant_id, campaign_id, {
        "customer_code": np.array(codes), "mobile": np.array([f"139{n:08d}" for n in range(len(codes))]),
        "name": np.array(codes), "store": np.array([""] * len(codes)), "class": np.array([""] * len(codes)),
        "group": np.array([0] * len(sent) + [1] * len(control))})
    return started


def order_row(number: int, code: str, at: int, yuan: float = 50) -> str:
    return f"SO{number:06d},{code},{datetime.fromtimestamp(at, CHINA):%Y-%m-%d %H:%M},{yuan:.2f}"


def import_orders(api, resources, token: str, rows: list[str]) -> dict:
    job = run_import(api, resources, token, "orders", csv_file(ORDER_HEADER, *rows), "orders.csv")
    assert job["status"] == "completed", job
    return job


def codes(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{n:04d}" for n in range(count)]
