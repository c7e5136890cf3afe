"""Routes of issue 13 (billing): filled in by its work."""
from chalice import Blueprint

bp = Blueprint(__name__)
