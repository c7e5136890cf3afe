"""人群圈选: counting rules, saved segments and their members, call lists, batch tags."""
from chalicelib.services.segments.saved import count

__all__ = ["count"]
