"""adapters/guards.py in memory: counters, locks, slots and claims with the same conditions."""
from chalicelib.adapters.guards import Claim, Guard


class FakeGuards:
    def __init__(self):
        self.items: dict[str, dict] = {}

    def count_up(self, guard_id: str, limit: int, at: int = 0, keep_seconds: int | None = None) -> int | None:
        item = self.items.get(guard_id, {})
        if (item.get("until") or 0) > at or (item.get("tally") is not None and item["tally"] >= limit):
            return None
        item["tally"] = (item.get("tally") or 0) + 1
        self.items[guard_id] = item
        return item["tally"]

    def count_down(self, guard_id: str) -> None:
        item = self.items.get(guard_id)
        if item and (item.get("tally") or 0) > 0:
            item["tally"] -= 1

    def start_count(self, guard_id: str, tally: int) -> None:
        self.items.setdefault(guard_id, {"tally": tally})

    def lock(self, guard_id: str, until: int, keep_seconds: int) -> None:
        self.items.setdefault(guard_id, {}).update(tally=0, until=until)

    def take_slot(self, guard_id: str, at: int, every: int) -> int:
        item = self.items.setdefault(guard_id, {})
        if (item.get("until") or 0) > at:
            return max(1, item["until"] - at)
        item["until"] = at + every
        return 0

    def claim(self, guard_id: str, owner: str, until: int, replacing: str | None) -> bool:
        return self.hold(Claim(guard_id, owner, until, replacing))

    def hold(self, claim: Claim, write: bool = True) -> bool:
        """The claim's condition (and, with `write`, the claim itself): what create_with_user's transaction does."""
        item = self.items.get(claim.guard_id)
        if item is not None and item.get("owner") not in (claim.owner, claim.replacing or claim.owner):
            return False
        if write:
            self.items[claim.guard_id] = {"owner": claim.owner, "until": claim.until}
        return True

    def release(self, guard_id: str, owner: str) -> bool:
        if (self.items.get(guard_id) or {}).get("owner") != owner:
            return False
        del self.items[guard_id]
        return True

    def read(self, guard_id: str) -> Guard | None:
        item = self.items.get(guard_id)
        return Guard(guard_id, item.get("owner"), item.get("tally"), item.get("until")) if item is not None else None

    def clear(self, guard_id: str) -> None:
        self.items.pop(guard_id, None)
