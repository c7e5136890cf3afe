"""The platform-wide audit log for the admin: filtered month by month, newest first, and its Excel export."""
import base64
import binascii
import json
from datetime import datetime

from chalicelib.adapters import audit_log, tenant_store, user_store
from chalicelib.domain.audit_range import CHINA, audit_range, china_time
from chalicelib.domain.roles import ROLE_LABELS
from chalicelib.domain.spreadsheet import Sheet, xlsx_bytes
from chalicelib.errors import ValidationFailed

MAX_SIZE, MAX_EXPORT = 100, 50_000
OTHER_ROLES = {"system": "系统", "anonymous": "未登录"}
HEADERS = ("时间（北京时间）", "操作人", "登录名", "角色", "操作", "企业", "企业ID", "说明", "变更（修改前 → 修改后）", "IP")


def search(filters: dict, cursor: str = "", size: int = 20) -> dict:
    """One page of entries matching the filters (tenant, actor, action, from, to) and the cursor of the next."""
    size = min(max(size, 1), MAX_SIZE)
    rows, next_cursor = _collect(filters, _decode(cursor), size)
    return {"items": _named(rows), "next_cursor": next_cursor}


def export(filters: dict, actor: str) -> tuple[bytes, str]:
    """Every matching entry (at most 50,000) as a workbook, and its file name."""
    rows, _ = _collect(filters, None, MAX_EXPORT)
    named = _named(rows)
    sheet = Sheet("审计日志", HEADERS, ([e["at_china"], e["actor_name"], e["actor"], e["role_label"], e["action"],
                                        e["company_name"], e["tenant_id"], e["detail"], _changes_text(e["changes"]),
                                        e["ip"]] for e in named))
    audit_log.record("audit#export", actor, "导出审计日志", f"{len(named)} 条")
    return xlsx_bytes([sheet]), f"审计日志-{datetime.now(CHINA):%Y%m%d}.xlsx"


def _collect(filters: dict, position: dict | None, size: int) -> tuple[list[dict], str | None]:
    span = _range(filters)
    # login names are stored in lower case (they ignore case at sign-in): so does the filter
    wanted = {"tenant_id": filters.get("tenant", "").strip(), "actor": filters.get("actor", "").strip().lower(),
              "action": filters.get("action", "").strip()}
    months = list(span.months)
    if position:
        months = months[months.index(position["m"]):] if position.get("m") in months else []
    rows: list[dict] = []
    after = position.get("k") if position else None
    for month in months:
        found, after = audit_log.month_entries(month, span.start, span.end, wanted, after, size - len(rows))
        rows += found
        if len(rows) >= size:
            return rows, _encode(month, after) if after else _next_month(months, month)
    return rows, None


def _next_month(months: list[str], month: str) -> str | None:
    later = months[months.index(month) + 1:]
    return _encode(later[0], None) if later else None


def _range(filters: dict):
    try:
        return audit_range(filters.get("from", ""), filters.get("to", ""), datetime.now(CHINA).date())
    except ValueError as error:
        field, message = str(error).split(":", 1)
        raise ValidationFailed(message, [{"field": field, "message": message}]) from None


def _encode(month: str, key: dict | None) -> str:
    return base64.urlsafe_b64encode(json.dumps({"m": month, "k": key}).encode()).decode()


def _decode(cursor: str) -> dict | None:
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if isinstance(position, dict) and isinstance(position.get("m"), str):
            return position
    except (binascii.Error, ValueError, UnicodeDecodeError):
        pass
    raise ValidationFailed("翻页参数无效，请从第一页重新查询", [{"field": "cursor", "message": "翻页参数无效"}])


def _named(rows: list[dict]) -> list[dict]:
    names = user_store.display_names({row["actor"] for row in rows})
    companies = _companies({row["tenant_id"] for row in rows if row["tenant_id"]})
    return [{"at": row["at"], "at_china": china_time(row["at"]), "actor": row["actor"],
             "actor_name": names.get(row["actor"], row["actor"]), "role": row["role"],
             "role_label": ROLE_LABELS.get(row["role"]) or OTHER_ROLES.get(row["role"], row["role"]),
             "action": row["action"], "tenant_id": row["tenant_id"],
             "company_name": companies.get(row["tenant_id"], ""), "detail": row["detail"],
             "changes": row["changes"], "ip": row["ip"]} for row in rows]


def _companies(tenant_ids: set[str]) -> dict[str, str]:
    """Company names for the page's tenants; a deleted tenant shows no name (its id stays)."""
    return {tenant.tenant_id: tenant.company_name for tenant in tenant_store.get_many(tenant_ids)}


def _changes_text(changes: list[dict]) -> str:
    return "；".join(f"{c.get('field', '')}：{c.get('before', '') or '（空）'} → {c.get('after', '') or '（空）'}"
                    for c in changes)
