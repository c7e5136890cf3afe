"""The campaign worker: one queued chunk of up to 100 recipients, sent at most once each.

Order per chunk: campaign still sending and inside the send window → what the log already holds (a
"sending" claim older than STALE is a killed worker's: marked unknown, never resent) → the spend guard
reserves the rest → one transaction claims them → per slice of the provider's rate: a rate token, the
provider call, the results written in batches. A throttled call sent nothing: its claims and reservation
are released and the chunk comes back later. The chunk's counts are added once (campaign_store.count_chunk),
from every recipient's settled message: a worker that shares the chunk with another still sending leaves it."""
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from chalicelib import config
from chalicelib.adapters import campaign_store, message_log
from chalicelib.domain.campaigns.status import DONE, PAUSED, SENDING
from chalicelib.domain.sms import window
from chalicelib.services.campaigns import chunk_send, chunk_states

STALE = timedelta(seconds=300)  # under the queue's 360 s visibility timeout: a live worker never looks stale


class ChunkBusy(Exception):
    """Another worker is sending this chunk right now: the message comes back after its visibility timeout."""


@dataclass
class Deps:
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    gateway: Any = None
    sleep: Callable[[float], None] = time.sleep
    requeue: Callable[[dict, int], None] | None = None  # (message, delay_seconds) -> None


def handle(work: dict, deps: Deps | None = None) -> str:
    """Send one chunk; returns what happened (for logs and tests)."""
    deps = deps or Deps()
    tenant_id, campaign_id = work["tenant_id"], work["campaign_id"]
    campaign = campaign_store.get(tenant_id, campaign_id)
    if campaign is None or campaign["status"] != SENDING:
        return "dropped"  # paused or waiting: resume / the clock queue every chunk again
    moment = deps.now()
    if not window.in_window(moment, config.sms_send_window()):
        chunk_states.wait_for_window(campaign, moment)
        return "waiting"
    codes = [row[0] for row in work["recipients"]]
    logged = message_log.existing(tenant_id, campaign_id, codes)
    stale = chunk_states.abandoned(logged, moment, STALE)
    if any(m["status"] == "sending" for m in logged.values() if m["customer_code"] not in stale):
        raise ChunkBusy(f"{campaign_id} chunk {work['chunk']} is being sent by another worker")
    if stale:
        logged.update(chunk_states.mark_unknown([logged[code] for code in stale], moment))
    todo = [row for row in work["recipients"] if row[0] not in logged]
    outcome = "sent"
    if todo:
        result = chunk_send.send(campaign, work, todo, moment, deps)
        if result.stopped:
            return result.stopped
        logged.update(result.written)
        outcome = "throttled" if result.throttled else outcome
    if outcome == "throttled":
        return outcome
    if any(code not in logged for code in codes):
        # another copy of this chunk claimed some of them after our read: count the chunk only once every
        # recipient's message is settled, or this worker would count (and maybe end the campaign) without them
        logged = message_log.existing(tenant_id, campaign_id, codes)
        if any(code not in logged or logged[code]["status"] == "sending" for code in codes):
            raise ChunkBusy(f"{campaign_id} chunk {work['chunk']} is shared with another worker still sending")
    finish_chunk(campaign, work["chunk"], logged.values(), moment)
    return outcome


def finish_chunk(campaign: dict, chunk: int, messages, moment: datetime) -> None:
    """Count the chunk once, and end the campaign when every chunk is counted."""
    tally = chunk_states.tally(messages)
    after = campaign_store.count_chunk(campaign["tenant_id"], campaign["campaign_id"], chunk, **tally)
    after = after or campaign_store.get(campaign["tenant_id"], campaign["campaign_id"])
    if after is not None and after["chunks_done"] >= after["chunks"]:  # None: deleted meanwhile
        # paused after its last message went out: nothing is left to send, so it is done too
        campaign_store.move(campaign["tenant_id"], campaign["campaign_id"], (SENDING, PAUSED),
                            {"status": DONE, "status_note": None, "finished_at": moment.isoformat(timespec="seconds"),
                             "due": None, "due_at": None})

