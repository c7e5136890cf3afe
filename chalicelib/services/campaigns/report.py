"""活动效果: a campaign's delivery counts and cost, and what its sent and control groups bought afterwards."""
import time
from datetime import datetime, timedelta, timezone

import numpy as np

from chalicelib.adapters import campaign_plans, campaign_store, plan_result_store
from chalicelib.adapters.npz_codec import decode_text
from chalicelib.adapters.order_store import OrderStore
from chalicelib.errors import NotFound
from chalicelib.services.campaigns import outcomes, views
from chalicelib.services.campaigns.outcomes import DAY, WINDOWS

CHINA = timezone(timedelta(hours=8))
GROUPS = {"sent": 0, "control": 1}  # campaign_plans' group values


def report(tenant_id: str, campaign_id: str, store: str = "", *, campaigns=campaign_store, plans=campaign_plans,
           orders=OrderStore, results=plan_result_store, now: int | None = None) -> dict:
    """The report page; a campaign of a plan also files its figures under the plan for the market."""
    campaign = campaigns.get(tenant_id, campaign_id)
    if campaign is None or (store and campaign.get("store") != store):
        raise NotFound("活动不存在，或不在您可查看的门店范围内", code="CAMPAIGN_NOT_FOUND")
    measured = measure(tenant_id, campaign, plans=plans, orders=orders, now=now)
    if measured and campaign.get("plan_id"):
        results.upsert(campaign["plan_id"], tenant_id, campaign_id, measured)
    return {"counts": views.counts(campaign), "cost_yuan": views.cost_yuan(campaign),
            "delivered_parts": views.delivered_parts(campaign), "opted_out": campaign["opted_out"],
            "has_control": bool(measured and measured["30"]["control"]["n"]), "started_at": campaign.get("started_at"),
            "outcome": {key: view(days, measured[key] if measured else None) for key, days in _windows()}}


def view(days: int, figures: dict | None) -> dict:
    """One window of measured figures (or of a campaign not sent yet) as the page shows it."""
    if figures is None:
        empty = outcomes.empty()
        return outcomes.window_view(days, empty, empty, False, "活动尚未开始发送")
    return outcomes.window_view(days, figures["sent"], figures["control"], figures["complete"], figures["note"])


def measure(tenant_id: str, campaign: dict, *, plans=campaign_plans, orders=OrderStore,
            now: int | None = None) -> dict | None:
    """Per window: each group's figures and whether the window is complete; None before the campaign started."""
    plan = plans.read(tenant_id, campaign["campaign_id"], ("customer_code", "group")) \
        if campaign.get("started_at") else None
    if plan is None:
        return None
    start = int(datetime.fromisoformat(campaign["started_at"]).timestamp())
    columns, latest = _orders(orders(tenant_id), start, start + max(WINDOWS) * DAY)
    now = int(time.time()) if now is None else now
    measured = {}
    for key, days in _windows():
        end = start + days * DAY
        figures = {name: outcomes.group_figures(plan["customer_code"][plan["group"] == value], *columns, start, end)
                   for name, value in GROUPS.items()}
        complete, note = outcomes.coverage(start, days, now, latest)
        measured[key] = {**figures, "complete": complete, "note": note}
    return measured


def _orders(store: OrderStore, start: int, end: int) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], int | None]:
    """Orders of the months from `start` to `end` (China time) and the latest imported order time known.

    Only those months are read; a committed month after them means orders reach past `end`."""
    end_month = datetime.fromtimestamp(end, CHINA).strftime("%Y-%m")
    month_after = _next_month_start(end)
    read = store.read_columns(start, month_after - 1)
    codes = decode_text(read.customers)[read.code] if len(read.code) else np.empty(0, dtype=str)
    later = any(month > end_month for entry in store.batches() for month in entry["months"])
    latest = month_after if later else (int(read.ordered_at.max()) if len(read.ordered_at) else None)
    return (codes, read.ordered_at, read.amount_fen), latest


def _next_month_start(epoch: int) -> int:
    day = datetime.fromtimestamp(epoch, CHINA)
    first = day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1, day=1, hour=0, minute=0, second=0,
                        microsecond=0)
    return int(first.timestamp())


def _windows():
    return [(str(days), days) for days in WINDOWS]
