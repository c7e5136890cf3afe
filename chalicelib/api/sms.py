"""Routes of issue 12 (sms); filled in by its owner."""
from chalice import Blueprint

bp = Blueprint(__name__)
