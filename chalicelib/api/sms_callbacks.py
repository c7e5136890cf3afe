"""Routes of issue 12 (sms_callbacks); filled in by its owner."""
from chalice import Blueprint

bp = Blueprint(__name__)
