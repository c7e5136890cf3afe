"""Who is asking and from where, for the audit log: set by api/http.route for each request."""
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    role: str = "system"  # outside a request (queues, schedules) the system acts
    ip: str = ""


_ORIGIN: ContextVar[RequestOrigin] = ContextVar("request_origin", default=RequestOrigin())  # noqa: B039  frozen


def set_origin(role: str, ip: str):
    """Mark the current request's role and source IP; returns the token to reset with."""
    return _ORIGIN.set(RequestOrigin(role or "system", ip or ""))


def reset_origin(token) -> None:
    _ORIGIN.reset(token)


def origin() -> RequestOrigin:
    return _ORIGIN.get()
