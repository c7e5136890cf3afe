"""Routes of issue 13 (admin_data): filled in by its work."""
from chalice import Blueprint

bp = Blueprint(__name__)
