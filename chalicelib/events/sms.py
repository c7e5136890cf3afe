"""SMS housekeeping on a schedule (template reviews); filled in by its owner."""
from chalice import Blueprint

bp = Blueprint(__name__)
