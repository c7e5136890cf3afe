"""Work that finds its tenant's import lease taken waits as a new, delayed SQS message.

SQS counts every receive towards the redrive policy's maxReceiveCount, a deliberate "busy, come
back later" hand-back included, so a wait spent that way ends in the dead-letter queue after a
few minutes. A re-sent message starts its own count afresh; its body carries how long the work
has waited in all, so the wait can still end (and say so) instead of circling for ever.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

KEY, WORK = "lease_wait", "work"


@dataclass(frozen=True)
class Wait:
    """How often the work has found the lease taken, and since when (ISO UTC, None: never)."""
    waits: int = 0
    since: str | None = None

    def after_busy(self, now: datetime) -> "Wait":
        return Wait(self.waits + 1, self.since or now.isoformat(timespec="seconds"))

    def waited(self, now: datetime) -> timedelta:
        return now - datetime.fromisoformat(self.since) if self.since else timedelta(0)

    def delay_seconds(self, first: int, longest: int) -> int:
        """Doubling from `first`, at most `longest`: soon after a short import, rarely during a long one."""
        return min(longest, first * 2 ** max(self.waits - 1, 0), 900)  # SQS takes at most 900


def unwrap(body: dict) -> tuple[dict, Wait]:
    """The work and its wait so far, from a re-sent body or from the first delivery (e.g. EventBridge's)."""
    if isinstance(body.get(KEY), dict) and isinstance(body.get(WORK), dict):
        wait = body[KEY]
        return body[WORK], Wait(int(wait.get("waits", 0)), wait.get("since"))
    return body, Wait()


def wrap(work: dict, wait: Wait) -> dict:
    return {KEY: {"waits": wait.waits, "since": wait.since}, WORK: work}
