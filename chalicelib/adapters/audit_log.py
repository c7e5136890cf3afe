"""Append-only audit entries per target (a tenant, a staff account, a plan, a dictionary), also by China month.

There is deliberately no update or delete here: entries are never edited or removed, not even with a tenant.
"""
import json
import secrets
from datetime import datetime, timedelta, timezone

from chalicelib.adapters.models import AuditModel
from chalicelib.request_context import origin

CHINA = timezone(timedelta(hours=8))
PAGE_READ = 500  # items DynamoDB evaluates per query page while filters skip entries


def record(target: str, actor: str, action: str, detail: str = "", *, tenant_id: str | None = None,
           changes: list[dict] | None = None) -> None:
    """One entry; role and IP come from the request being served ("system"/"" outside one)."""
    now = datetime.now(timezone.utc)
    at = now.isoformat(timespec="milliseconds")
    source = origin()
    AuditModel(target, f"{at}#{secrets.token_hex(4)}", actor=actor, action=action, detail=detail or None, at=at,
               month=now.astimezone(CHINA).strftime("%Y-%m"), role=source.role, ip=source.ip or None,
               tenant_id=tenant_id or _tenant_of(target),
               changes=json.dumps(changes, ensure_ascii=False) if changes else None).save()


def record_tenant(tenant_id: str, actor: str, action: str, detail: str = "", *,
                  changes: list[dict] | None = None) -> None:
    """An entry in the tenant's log: the one the staff's tenant page and the tenant's own exports share."""
    record(f"tenant#{tenant_id}", actor, action, detail, tenant_id=tenant_id, changes=changes)


def entries(target: str) -> list[dict]:
    """A target's entries, newest first."""
    return [as_dict(e) for e in AuditModel.query(target, scan_index_forward=False)]


def month_entries(month: str, start: str, end: str, filters: dict, after: dict | None, limit: int):
    """(entries of one China month with start <= at < end matching `filters`, newest first; resume key or None).

    filters: tenant_id (exact), actor (login name contains), action (contains).
    """
    found = AuditModel.by_month.query(month, AuditModel.at.between(start, end), scan_index_forward=False,
                                      filter_condition=_condition(filters), last_evaluated_key=after,
                                      limit=limit, page_size=PAGE_READ)
    items = [as_dict(e) for e in found]
    return items, (found.last_evaluated_key if len(items) == limit else None)


def _condition(filters: dict):
    condition = None
    for part in (AuditModel.tenant_id == filters["tenant_id"] if filters.get("tenant_id") else None,
                 AuditModel.actor.contains(filters["actor"]) if filters.get("actor") else None,
                 AuditModel.action.contains(filters["action"]) if filters.get("action") else None):
        if part is not None:
            condition = part if condition is None else condition & part
    return condition


def as_dict(entry: AuditModel) -> dict:
    return {"at": entry.at, "actor": entry.actor, "action": entry.action, "detail": entry.detail or "",
            "role": entry.role or "", "ip": entry.ip or "", "tenant_id": entry.tenant_id or _tenant_of(entry.target),
            "target": entry.target, "changes": json.loads(entry.changes) if entry.changes else []}


def _tenant_of(target: str) -> str:
    return target.split("#", 1)[1] if target.startswith("tenant#") else ""
