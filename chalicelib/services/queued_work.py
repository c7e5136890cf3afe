"""One queued message of work that may have to wait for its tenant's import lease (see domain/lease_wait)."""
import json
from datetime import datetime, timedelta, timezone
from typing import Callable

from chalicelib import config
from chalicelib.adapters import queues
from chalicelib.domain.lease_wait import unwrap, wrap
from chalicelib.observability import logger
from chalicelib.services.imports.lease import ImportBusy


def run(body: str, handle: Callable[[dict], object], give_up: Callable[[dict, timedelta], None], *,
        queue_url: str, send: Callable | None = None, now: Callable[[], datetime] | None = None) -> None:
    """Handle the work, or queue it again as a new delayed message when the lease is taken.

    Returning lets the caller delete this message: the wait never spends the queue's receives.
    Any other error propagates, so the queue delivers this message again as usual.
    """
    work, wait = unwrap(json.loads(body))
    try:
        handle(work)
    except ImportBusy:
        moment = (now or _utc_now)()
        wait = wait.after_busy(moment)
        waited = wait.waited(moment)
        if waited >= timedelta(seconds=config.LEASE_WAIT_GIVE_UP_SECONDS):
            logger.warning("gave up after waiting %s for the lease (%d tries): %.300s", waited, wait.waits,
                           json.dumps(work))
            give_up(work, waited)
            return
        delay = wait.delay_seconds(config.LEASE_WAIT_FIRST_DELAY_SECONDS, config.LEASE_WAIT_MAX_DELAY_SECONDS)
        (send or queues.send)(queue_url, wrap(work, wait), delay_seconds=delay)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)

