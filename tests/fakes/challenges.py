"""adapters/challenge_store.py in memory: the same functions on Challenge records, the same conditions."""
import copy

from chalicelib.adapters.challenge_store import Challenge


class FakeChallenges:
    def __init__(self, *challenges: Challenge):
        self.items = {challenge.challenge_id: copy.deepcopy(challenge) for challenge in challenges}

    def create(self, challenge: Challenge) -> None:
        self.items[challenge.challenge_id] = copy.deepcopy(challenge)

    def get(self, challenge_id: str) -> Challenge | None:
        found = self.items.get(challenge_id)
        return copy.deepcopy(found) if found is not None else None

    def take_attempt(self, challenge: Challenge, limit: int) -> int | None:
        stored = self.items[challenge.challenge_id]
        if stored.attempts >= limit:
            return None
        stored.attempts += 1
        self._refill(challenge)
        return challenge.attempts

    def mark_used(self, challenge: Challenge) -> bool:
        stored = self.items[challenge.challenge_id]
        if stored.used:
            return False
        stored.used = True
        self._refill(challenge)
        return True

    def resend(self, challenge: Challenge, sent_at: int, expires_at: int, every: int) -> bool:
        stored = self.items[challenge.challenge_id]
        if stored.used or stored.sent_at > sent_at - every:
            self._refill(challenge)
            return False
        stored.counter, stored.sent_at, stored.expires_at = stored.counter + 1, sent_at, expires_at
        self._refill(challenge)
        return True

    def _refill(self, challenge: Challenge) -> None:
        for name, value in vars(copy.deepcopy(self.items[challenge.challenge_id])).items():
            setattr(challenge, name, value)
