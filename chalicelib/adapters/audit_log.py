"""Append-only audit entries per target (a tenant or a staff account)."""
import secrets
from datetime import datetime, timezone

from chalicelib.adapters.models import AuditModel


def record(target: str, actor: str, action: str, detail: str = "") -> None:
    at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    AuditModel(target, f"{at}#{secrets.token_hex(4)}", actor=actor, action=action,
               detail=detail or None, at=at).save()


def record_tenant(tenant_id: str, actor: str, action: str, detail: str = "") -> None:
    """An entry in the tenant's log: the one the staff's tenant page and the tenant's own exports share."""
    record(f"tenant#{tenant_id}", actor, action, detail)


def entries(target: str) -> list[dict]:
    return [{"at": e.at, "actor": e.actor, "action": e.action, "detail": e.detail or ""}
            for e in AuditModel.query(target, scan_index_forward=False)]
