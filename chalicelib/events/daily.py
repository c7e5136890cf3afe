"""The platform's daily schedule (issue 13): fee states, reminders and the staff digest."""
from datetime import datetime

from chalice import Blueprint

bp = Blueprint(__name__)


def run_daily(due: datetime) -> None:
    """Shared by the Lambda schedule and the local stack."""
