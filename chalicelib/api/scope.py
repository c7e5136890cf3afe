"""Which store a request is limited to."""
from chalice import Blueprint

from chalicelib.api.http import Caller, query


def store_of(bp: Blueprint, caller: Caller) -> str:
    """A 店长's own store whatever it asks for; else the ?store= asked for ("" = every store)."""
    return caller.store or query(bp, "store").strip()
