"""Plan a campaign once (the pre-send check, frozen as an object) and queue its chunks of 100 recipients."""
import math
import time
from datetime import datetime

import numpy as np

from chalicelib import config
from chalicelib.adapters import campaign_plans, campaign_queue, campaign_store, locks
from chalicelib.adapters.npz_codec import decode_text
from chalicelib.domain.campaigns import exclusions
from chalicelib.domain.campaigns.status import PAUSED, SENDING
from chalicelib.services.campaigns import precheck

PLANNING_LOCK_SECONDS = 120  # longer than planning 100,000 customers takes
PLANNING_WAIT_SECONDS = 25  # then the request answers; the clock plans it once the campaign's lease ends


def plan_and_queue(tenant_id: str, campaign: dict, now: datetime, lease: str, *, sleep=time.sleep) -> dict:
    """Plan under the tenant's planning lock, so two campaigns planned at once still see each other's recipients
    (the frequency cap and the per-number day limit read earlier plans): the check runs again under the lock.
    A lock still busy after the wait leaves the campaign to the clock, which plans it when its lease ends."""
    lock, owner = f"campaign-planning#{tenant_id}", campaign["campaign_id"]
    waited = 0.0
    while not locks.acquire(lock, owner, PLANNING_LOCK_SECONDS):
        if waited >= PLANNING_WAIT_SECONDS:
            return _current(tenant_id, campaign)
        sleep(0.5)
        waited += 0.5
    try:
        return _plan_and_queue(tenant_id, campaign, now, lease)
    finally:
        locks.release(lock, owner)


def _plan_and_queue(tenant_id: str, campaign: dict, now: datetime, lease: str) -> dict:
    """Write the plan and the campaign's frozen figures (while this planner holds `lease`), then queue it.

    A campaign that can no longer be sent (its template was rejected, nobody is left) is paused with the reason."""
    check = precheck.run(tenant_id, campaign, now)
    problems = precheck.blocking(check)
    if problems:
        campaign_store.move(tenant_id, campaign["campaign_id"], (SENDING,),
                            {"status": PAUSED, "status_note": problems[0]["message"], "due": None, "due_at": None})
        return _current(tenant_id, campaign)
    arrays = plan_arrays(check)
    campaign_plans.write(tenant_id, campaign["campaign_id"], arrays)
    sent = int((arrays["group"] == 0).sum())
    figures = {"planned": sent, "held_out": int(check.held.sum()), "excluded": exclusions.counts(check.reasons),
               # no blocking problem: the template is there
               "chunks": math.ceil(sent / config.CAMPAIGN_CHUNK), "text": check.template["text"],  # type: ignore[index]
               "signature": check.settings["signature"], "price_li": check.price_li,
               "parts": int(check.parts[check.sent].max()),  # the longest message's (nobody: a blocking problem)
               "delivered_parts": 0, "planned_at": now.isoformat(timespec="seconds"), "status_note": None}
    if not campaign_store.update_fields(tenant_id, campaign["campaign_id"], figures, when_due_at=lease):
        return _current(tenant_id, campaign)  # another planner took over
    queue_plan(tenant_id, campaign["campaign_id"], arrays)
    # The lease ends only once the chunks are queued: a planner that dies before is replaced by the clock.
    campaign_store.update_fields(tenant_id, campaign["campaign_id"], {"due": None, "due_at": None}, when_due_at=lease)
    return _current(tenant_id, campaign)


def _current(tenant_id: str, campaign: dict) -> dict:
    """The campaign as stored now (as it was, should it have been deleted meanwhile)."""
    return campaign_store.get(tenant_id, campaign["campaign_id"]) or campaign


def plan_arrays(check: precheck.Check) -> dict:
    """Eligible customers in code order, the sent group (0) and the control group (1)."""
    rows = np.flatnonzero(check.reasons == exclusions.ELIGIBLE)
    r = check.recipients
    return {"customer_code": r.codes[rows], "mobile": r.mobiles[rows], "name": r.names[rows], "store": r.stores[rows],
            "class": r.classes[rows], "group": check.held[rows].astype(np.int8)}


def _text(values: np.ndarray) -> np.ndarray:
    return decode_text(values) if values.dtype.kind == "S" else values


def queue_plan(tenant_id: str, campaign_id: str, arrays: dict | None = None, delay_seconds: int = 0) -> int:
    """Queue every chunk of the sent group (again, on resume: claims keep it at most once); the chunks queued."""
    arrays = arrays or campaign_plans.read(tenant_id, campaign_id)
    if arrays is None:
        return 0  # no plan written (yet): nothing to queue
    sent = arrays["group"] == 0
    columns = (arrays[name][sent] for name in ("customer_code", "mobile", "name", "store", "class"))
    rows = list(zip(*(_text(values).tolist() for values in columns)))
    size = config.CAMPAIGN_CHUNK
    messages = [{"tenant_id": tenant_id, "campaign_id": campaign_id, "chunk": start // size,
                 "recipients": rows[start:start + size]} for start in range(0, len(rows), size)]
    campaign_queue.send_chunks(messages, delay_seconds)
    return len(messages)
