"""Bulk API for ERP systems: authenticated by a tenant's API key, not a login."""
from chalice import Blueprint

from chalicelib import config
from chalicelib.api.contracts import bodies, responses
from chalicelib.api.http import json_body, route
from chalicelib.services import bulk

bp = Blueprint(__name__)


@route(bp, "/api/bulk/{kind}", methods=["POST"], max_body=config.bulk_max_body_bytes, request=bodies.BULK_ROWS,
       api_key=True, response=responses.ImportItem)
def bulk_import(kind):
    headers = bp.current_request.headers
    return bulk.import_rows(headers.get("x-api-key", ""), kind, json_body(bp))
