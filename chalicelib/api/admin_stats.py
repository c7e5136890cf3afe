"""Admin portal: the 运营统计 home (issue 13)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import query_int, route
from chalicelib.domain.roles import ANY_STAFF
from chalicelib.services.stats import dashboard

bp = Blueprint(__name__)


@route(bp, "/api/admin/stats", roles=ANY_STAFF, response=responses.PlatformStats)
def platform_stats(caller):
    return dashboard.stats(caller.role, query_int(bp, "days", 7))
