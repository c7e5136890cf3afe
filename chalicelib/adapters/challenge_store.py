"""SMS challenges in DynamoDB; every change that a rule limits is a conditional update."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import ChallengeModel


def create(challenge: ChallengeModel) -> None:
    challenge.save()


def get(challenge_id: str) -> ChallengeModel | None:
    try:
        return ChallengeModel.get(challenge_id, consistent_read=True)
    except DoesNotExist:
        return None


def take_attempt(challenge: ChallengeModel, limit: int) -> int | None:
    """Count an attempt before its code is compared, unless `limit` are counted: the new count, or None."""
    return challenge.attempts if _conditional(challenge, [ChallengeModel.attempts.add(1)],
                                              ChallengeModel.attempts < limit) else None


def mark_used(challenge: ChallengeModel) -> bool:
    """True for the one caller that flips it; a concurrent second use gets False."""
    return _conditional(challenge, [ChallengeModel.used.set(True)], ChallengeModel.used == False)  # noqa: E712


def resend(challenge: ChallengeModel, sent_at: int, expires_at: int, every: int) -> bool:
    """Move to the next code unless one was sent within `every` seconds (or the challenge is used).

    The attempt count is kept: a new code is not a new budget of guesses."""
    return _conditional(
        challenge,
        [ChallengeModel.counter.add(1), ChallengeModel.sent_at.set(sent_at), ChallengeModel.expires_at.set(expires_at)],
        (ChallengeModel.sent_at <= sent_at - every) & (ChallengeModel.used == False),  # noqa: E712
    )


def _conditional(challenge: ChallengeModel, actions: list, condition) -> bool:
    return conditional(challenge.update, actions=actions, condition=condition)
