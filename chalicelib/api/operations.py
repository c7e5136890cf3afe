"""The registry of API operations, filled as `route(...)` decorates each view (at import, never per request).

The OpenAPI document (chalicelib/api/openapi.py) is built from it.
"""
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Operation:
    path: str
    methods: tuple[str, ...]
    roles: tuple | None  # None: public
    status: int
    view: Callable
    request: Any = None  # a pydantic model, or a JSON Schema dict for bodies read row by row
    response: Any = None  # a pydantic model (or a JSON Schema dict) of the success answer
    query: tuple[str, ...] = ()  # query parameters the view reads beyond those found in its code
    api_key: bool = False  # authenticated by the X-Api-Key header (bulk API)
    also: tuple[int, ...] = field(default=())  # statuses beyond `status` and the errors of its kind


OPERATIONS: list[Operation] = []


def record(operation: Operation) -> None:
    """Remember one decorated view (re-importing a module replaces its earlier entry)."""
    OPERATIONS[:] = [known for known in OPERATIONS
                     if (known.path, known.methods) != (operation.path, operation.methods)]
    OPERATIONS.append(operation)
