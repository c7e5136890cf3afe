"""SMS challenges in DynamoDB; attempts are counted atomically and a code is used once."""
from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters.models import ChallengeModel


def create(challenge: ChallengeModel) -> None:
    challenge.save()


def get(challenge_id: str) -> ChallengeModel | None:
    try:
        return ChallengeModel.get(challenge_id, consistent_read=True)
    except DoesNotExist:
        return None


def count_attempt(challenge: ChallengeModel) -> int:
    challenge.update(actions=[ChallengeModel.attempts.add(1)])
    return challenge.attempts


def mark_used(challenge: ChallengeModel) -> bool:
    """True for the one caller that flips it; a concurrent second use gets False."""
    try:
        challenge.update(actions=[ChallengeModel.used.set(True)], condition=ChallengeModel.used == False)  # noqa: E712
        return True
    except UpdateError:
        return False


def resend(challenge: ChallengeModel, counter: int, sent_at: int, expires_at: int) -> None:
    challenge.update(actions=[
        ChallengeModel.counter.set(counter), ChallengeModel.sent_at.set(sent_at),
        ChallengeModel.expires_at.set(expires_at), ChallengeModel.attempts.set(0),
    ])
