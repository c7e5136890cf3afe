"""In-portal messages and the SMS that go with them (issue 13 contract; the notifications work fills it in)."""
from chalicelib.domain.roles import STAFF_ROLES


def notify_tenant(tenant_id: str, kind: str, title: str, body: str, sms: bool = False, once: str | None = None,
                  link: str | None = None) -> bool:
    """A message to the tenant's portal (and an SMS to its contact mobile when `sms`); with `once` (e.g. the
    China day) at most one per tenant, kind and `once`, even under parallel calls. True when it was created."""
    return False


def notify_staff(kind: str, title: str, body: str, roles: tuple = STAFF_ROLES, link: str | None = None) -> None:
    """A message to every active staff member in `roles`."""
