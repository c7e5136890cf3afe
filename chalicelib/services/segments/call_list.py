"""外呼名单: the customers rules pick, as xlsx in the data bucket behind a short-lived link; audited."""
import secrets

from chalicelib import config
from chalicelib.adapters import audit_log, follow_up_store, objects
from chalicelib.domain.segments import call_list, parse_rules
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.domain.xlsx_stream import xlsx_table
from chalicelib.errors import ValidationFailed
from chalicelib.services.segments import saved
from chalicelib.services.segments.selection import select

MAX_ROWS = 200_000


def export_rules(tenant_id: str, actor: str, rules: dict, store: str = "", mobile_visible: bool = True,
                 title: str = "外呼名单") -> dict:
    """The call list of rules (unsaved: a class, a matrix cell, the rule builder's current rules)."""
    picked = select(tenant_id, parse_rules(rules), store, columns=call_list.COLUMNS, with_measures=True)
    if len(picked.rows) > MAX_ROWS:
        raise ValidationFailed(f"一次最多导出 {MAX_ROWS:,} 位客户，请增加条件缩小人群", code="EXPORT_TOO_LARGE")
    follow_ups = follow_up_store.newest_by_customer(tenant_id)
    rows = call_list.rows(picked.columns, picked.rows, picked.context.measures, follow_ups, mobile_visible)
    key = f"exports/{tenant_id}/{secrets.token_hex(8)}.xlsx"
    objects.write(config.data_bucket(), key, xlsx_table("外呼名单", call_list.HEADERS, rows), XLSX_CONTENT_TYPE)
    filename = f"{title}.xlsx"
    audit_log.record_tenant(tenant_id, actor, "导出外呼名单",
                     f"{title}：{len(rows):,} 位客户{'' if mobile_visible else '（手机号已脱敏）'}")
    return {"url": objects.presigned_get(config.data_bucket(), key, filename=filename), "filename": filename,
            "count": len(rows)}


def export_segment(tenant_id: str, actor: str, segment_id: str, store: str = "", mobile_visible: bool = True) -> dict:
    segment = saved.saved(tenant_id, segment_id)
    return export_rules(tenant_id, actor, segment["rules"], store, mobile_visible, f"外呼名单-{segment['name']}")
