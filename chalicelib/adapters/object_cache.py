"""Bodies of S3 objects that are written once and never changed, kept in the process between requests.

A warm Lambda (or the local stack) answering the same tenant again reads the customer table's manifest, finds the
same column keys, and skips their GETs. Only keys that are never rewritten may be cached: a key names one body for
ever (the customer table gives each column object a random part, see customer_table.py). Bounded by bytes, least
recently used first out; a body larger than the whole budget is simply not kept."""
import threading

from cachetools import LRUCache

from chalicelib import config

_lock = threading.Lock()
_bodies: LRUCache | None = None  # sized on first use, when the settings are read


def get_many(bucket: str, keys: list[str], fetch) -> list[bytes | None]:
    """The bodies of `keys` (None: no such object), from memory where held; `fetch(keys)` reads the others."""
    with _lock:
        bodies = _cache()
        held = {key: bodies.get((bucket, key)) for key in keys}
    missing = [key for key, body in held.items() if body is None]
    for key, body in zip(missing, fetch(missing) if missing else []):
        held[key] = body
        if body is not None and len(body) <= bodies.maxsize:
            with _lock:
                bodies[(bucket, key)] = body
    return [held[key] for key in keys]


def clear() -> None:
    global _bodies
    with _lock:
        _bodies = None


def _cache() -> LRUCache:
    global _bodies
    if _bodies is None:
        _bodies = LRUCache(maxsize=config.object_cache_bytes(), getsizeof=len)
    return _bodies
