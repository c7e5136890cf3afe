"""Admin portal: the platform-wide audit log (read and export only: entries are never edited or deleted)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import query, query_int, route, xlsx_response
from chalicelib.domain.audit_actions import action_groups
from chalicelib.domain.roles import AUDIT
from chalicelib.services import audit_search

bp = Blueprint(__name__)
FILTERS = ("tenant", "actor", "action", "from", "to")


def _filters() -> dict:
    return {name: query(bp, name) for name in FILTERS}


@route(bp, "/api/admin/audit", roles=AUDIT, query=FILTERS, response=responses.AuditPage)
def audit_entries(caller):
    return audit_search.search(_filters(), query(bp, "cursor"), query_int(bp, "size", 20))


@route(bp, "/api/admin/audit/actions", roles=AUDIT, response=responses.AuditActions)
def audit_actions(caller):
    """审计日志“操作”筛选的可选项：平台记录的每一种操作，按类别分组。"""
    return {"groups": action_groups()}


@route(bp, "/api/admin/audit/export", roles=AUDIT, query=FILTERS)
def export_audit(caller):
    return xlsx_response(*audit_search.export(_filters(), caller.username), "audit-log.xlsx")
