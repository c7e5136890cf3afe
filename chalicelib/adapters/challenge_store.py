"""SMS challenges in DynamoDB, handed out as `Challenge` records; every change that a rule limits is a
conditional update."""
from dataclasses import dataclass, fields
from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import ChallengeModel


@dataclass(kw_only=True)
class Challenge:
    """A pending SMS code for a login or a password reset (the attributes of ChallengeModel)."""

    challenge_id: str
    username: str
    purpose: str  # "login" or "reset"
    secret: str
    expires_at: int
    sent_at: int
    ttl: datetime  # DynamoDB's TTL removes the item after it
    counter: int = 0
    attempts: int = 0
    used: bool = False
    delivered: bool = True
    decoy: bool = False  # stored and answered like a real one, but never texted and never accepted


_FIELDS = tuple(field.name for field in fields(Challenge))
_NUMBERS = ("expires_at", "sent_at", "counter", "attempts")


def create(challenge: Challenge) -> None:
    _model(challenge).save()


def get(challenge_id: str) -> Challenge | None:
    try:
        return _record(ChallengeModel.get(challenge_id, consistent_read=True))
    except DoesNotExist:
        return None


def take_attempt(challenge: Challenge, limit: int) -> int | None:
    """Count an attempt before its code is compared, unless `limit` are counted: the new count, or None."""
    return challenge.attempts if _conditional(challenge, [ChallengeModel.attempts.add(1)],
                                              ChallengeModel.attempts < limit) else None


def mark_used(challenge: Challenge) -> bool:
    """True for the one caller that flips it; a concurrent second use gets False."""
    return _conditional(challenge, [ChallengeModel.used.set(True)], ChallengeModel.used == False)  # noqa: E712


def resend(challenge: Challenge, sent_at: int, expires_at: int, every: int) -> bool:
    """Move to the next code unless one was sent within `every` seconds (or the challenge is used); when not,
    False with `challenge` read again (a parallel resend may have moved sent_at).

    The attempt count is kept: a new code is not a new budget of guesses."""
    if _conditional(
        challenge,
        [ChallengeModel.counter.add(1), ChallengeModel.sent_at.set(sent_at), ChallengeModel.expires_at.set(expires_at)],
        (ChallengeModel.sent_at <= sent_at - every) & (ChallengeModel.used == False),  # noqa: E712
    ):
        return True
    found = get(challenge.challenge_id)
    if found:
        _copy(found, challenge)
    return False


def _conditional(challenge: Challenge, actions: list, condition) -> bool:
    """One conditional update; `challenge` takes the stored values it returns."""
    item = ChallengeModel(challenge.challenge_id)
    if not conditional(item.update, actions=actions, condition=condition):
        return False
    _copy(_record(item), challenge)
    return True


def _copy(source: Challenge, target: Challenge) -> None:
    for name in _FIELDS:
        setattr(target, name, getattr(source, name))


def _record(item: ChallengeModel) -> Challenge:
    values = {name: getattr(item, name) for name in _FIELDS}
    values.update({name: int(values[name] or 0) for name in _NUMBERS})
    return Challenge(**values)


def _model(challenge: Challenge) -> ChallengeModel:
    return ChallengeModel(challenge.challenge_id,
                          **{name: getattr(challenge, name) for name in _FIELDS if name != "challenge_id"})
