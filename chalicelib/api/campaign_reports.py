"""Routes of issue 12 (campaign reports, a customer's messages); filled in by its owner."""
from chalice import Blueprint

bp = Blueprint(__name__)
