"""Class updates stuck in pending (their queue message lost or dead-lettered) are queued again."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import analysis_store
from chalicelib.services.analyses import class_update

# A queued update starts within seconds; waiting behind a tenant's import takes longer but is harmless to repeat
# (the worker decides under the tenant's lease what is in force, and writes only classes that differ).
STUCK_AFTER = timedelta(minutes=15)


def requeue_stuck(now: datetime | None = None, *, analyses=analysis_store, send=class_update.queue) -> int:
    """Queue again every class update pending for 15 minutes, each once per run; how many were queued."""
    now = now or datetime.now(timezone.utc)
    cutoff = (now - STUCK_AFTER).isoformat(timespec="microseconds")
    queued = 0
    for stuck in analyses.pending_class_updates(cutoff):
        # Restarting its clock first makes a retried or overlapping run skip it: one message per run.
        if analyses.claim_requeue(stuck["tenant_id"], stuck["analysis_id"], stuck["pending_since"],
                                  now.isoformat(timespec="microseconds")):
            send(stuck["tenant_id"], stuck["analysis_id"])
            queued += 1
    return queued
