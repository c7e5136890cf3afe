"""Comparisons of two saved analyses: who moved between classes (tenant users)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.exports import JOB, workbook_or_job
from chalicelib.api.http import query, query_int, route
from chalicelib.api.scope import store_of
from chalicelib.domain.roles import TENANT_EXPORT, TENANT_READ
from chalicelib.services.analyses import comparisons
from chalicelib.services.exports import workbooks

bp = Blueprint(__name__)


@route(bp, "/api/comparisons", roles=TENANT_READ, response=responses.Comparison)
def compare(caller):
    return comparisons.compare(caller.tenant_id, query(bp, "from"), query(bp, "to"), store_of(bp, caller))


@route(bp, "/api/comparisons/customers", roles=TENANT_READ, response=responses.MoversPage)
def movers(caller):
    return comparisons.movers(caller.tenant_id, query(bp, "from"), query(bp, "to"), query(bp, "direction", "all"),
                              query(bp, "from_class"), query(bp, "to_class"), query_int(bp, "page", 1),
                              query_int(bp, "size", 20), store_of(bp, caller))


@route(bp, "/api/comparisons/export", roles=TENANT_EXPORT, also=(202,), response=JOB)
def export_comparison(caller):
    answer = workbooks.comparison(caller.tenant_id, query(bp, "from"), query(bp, "to"), store_of(bp, caller),
                                  caller.username)
    return workbook_or_job(answer, "customer-moves.xlsx")
