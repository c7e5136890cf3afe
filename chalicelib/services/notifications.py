"""In-portal messages and the SMS that go with them (issue 13 contract)."""

from chalicelib import config
from chalicelib.adapters import notification_store, sms, tenant_store, user_store
from chalicelib.domain.fields import mask_mobile
from chalicelib.domain.roles import STAFF_ROLES, TENANT_USER
from chalicelib.domain.sms import variable_values
from chalicelib.observability import logger
from chalicelib.services.paging import page_bounds


# Many arguments, by design: options by name.
def notify_tenant(tenant_id: str, kind: str, title: str, body: str, sms: bool = False, once: str | None = None,  # noqa: PLR0913
                  link: str | None = None, *, store=notification_store, send=None) -> bool:
    """A message to the tenant's portal (and an SMS to its contact mobile when `sms`); with `once` (e.g. the
    China day) at most one per tenant, kind and `once`, even under parallel calls. True when it was created."""
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        return False
    logins = tenant_admins(tenant_id, tenant.username)
    marker = (tenant_id, f"{kind}#{once}") if once else None
    if not store.add(logins, {"kind": kind, "title": title, "body": body, "link": link}, marker):
        return False
    if sms:
        send_sms(tenant.contact_phone, body, kind, send)
    return True


def tenant_admins(tenant_id: str, registered: str) -> list[str]:
    """The tenant's 企业管理员 logins (the one that registered it first); sub-accounts get no platform notices."""
    others = [u.username for u in user_store.tenant_users(tenant_id) if u.role == TENANT_USER]
    return [registered] + [name for name in others if name != registered]


def notify_staff(kind: str, title: str, body: str, roles: tuple = STAFF_ROLES, link: str | None = None, *,
                 store=notification_store) -> None:
    """A message to every active staff member in `roles`."""
    fields = {"kind": kind, "title": title, "body": body, "link": link}
    for user in user_store.list_staff():
        if user.status == "active" and user.role in roles:
            try:
                store.add([user.username], fields)
            except Exception:  # one member's failed write must not fail the tenant action that caused it
                logger.exception("staff message %s to %s not stored", kind, user.username)


def staff_work_done(kinds: tuple[str, ...], link: str, *, store=notification_store) -> None:
    """The staff's unread messages announcing this work (a registration, a profile change, a plan waiting) are
    marked read once someone decided it (or the tenant withdrew it): the bell counts only what still waits."""
    for user in user_store.list_staff():
        try:
            store.mark_read_about(user.username, kinds, link)
        except Exception:  # the decision is stored; a stale message only stays unread
            logger.exception("staff messages %s about %s not marked read for %s", kinds, link, user.username)


def send_sms(mobile: str, text: str, kind: str, send=None) -> bool:
    """Text a platform notice; a failure is logged and never fails the caller (the in-portal message stays)."""
    if not mobile:
        return False
    try:
        (send or sms.send_notice)(mobile, f"【{config.sms_platform_signature()}】{variable_values.notice_text(text)}", kind)
    except Exception:  # the gateway's errors vary; the message in the portal already says the same
        logger.exception("notice SMS %s to %s not sent", kind, mask_mobile(mobile))
        return False
    return True


def safely(notify, *args, **kwargs) -> None:
    """Run a notify_* call after the action it reports has been stored: a failure there is logged, not raised."""
    try:
        notify(*args, **kwargs)
    except Exception:
        logger.exception("notification not created: %s", args[:2])


def inbox(username: str, page: int = 1, size: int = 20, unread_only: bool = False, latest: bool = False) -> dict:
    """One page of the caller's own messages, newest first, with the unread count; `latest` (the bell's poll)
    reads only the newest `size` and leaves out the total."""
    page, size, rows = page_bounds(page, size)
    unread = notification_store.unread_count(username)
    if latest:
        return {"items": notification_store.latest(username, size), "unread": unread}
    items, total = notification_store.page(username, rows.start, size, unread_only)
    return {"items": items, "total": total, "page": page, "size": size, "unread": unread}


def mark_read(username: str, ids: list[str] | None = None, everything: bool = False) -> dict:
    """Mark the caller's own messages read (some ids, or all); the unread count after."""
    if everything:
        notification_store.mark_all_read(username)
    else:
        notification_store.mark_read(username, ids or [])
    return {"unread": notification_store.unread_count(username)}
