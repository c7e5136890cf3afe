"""The campaign worker (SQS) and the campaign schedules; filled in by its owner."""
from chalice import Blueprint

bp = Blueprint(__name__)
