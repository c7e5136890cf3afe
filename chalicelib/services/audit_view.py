"""Audit entries as staff read them: each actor by display name, the login name kept for the record."""
from chalicelib.adapters import audit_log, user_store


def named_entries(target: str, also: tuple = ()) -> tuple[list[dict], dict]:
    """(entries newest first with `actor_name`, login name → display name for them and for `also`)."""
    entries = audit_log.entries(target)
    names = user_store.display_names([e["actor"] for e in entries] + [name for name in also if name])
    return [{**e, "actor_name": names.get(e["actor"], e["actor"])} for e in entries], names
