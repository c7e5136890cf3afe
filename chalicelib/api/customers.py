"""The customer list, API keys and the ERP integration settings."""
from chalice import Blueprint

from chalicelib import config
from chalicelib.api.http import body, json_body, query, query_int, route
from chalicelib.domain.import_spec import BULK_MAX_ROWS, KINDS
from chalicelib.domain.roles import TENANT_USER
from chalicelib.domain.schemas import ApiKeyRequest, CustomerFilter, parse
from chalicelib.services import api_keys, customers

bp = Blueprint(__name__)
TENANT = (TENANT_USER,)


FILTERS = ("q", "class", "tag", "sort", "order")


def _filters(values) -> dict:
    """The list's filters; `class` (as the query string names it) is `rfm_class` inside."""
    values = {name: value for name, value in (values if isinstance(values, dict) else {}).items() if value}
    if "class" in values:
        values["rfm_class"] = values.pop("class")
    return parse(CustomerFilter, values).model_dump()


@route(bp, "/api/customers", roles=TENANT)
def list_customers(caller):
    filters = _filters({name: query(bp, name) for name in FILTERS})
    return customers.list_customers(caller.tenant_id, query_int(bp, "page", 1), query_int(bp, "size", 20), **filters)


@route(bp, "/api/customers/distribution", roles=TENANT)
def distribution(caller):
    return customers.distribution(caller.tenant_id)


@route(bp, "/api/customers/export", methods=["POST"], roles=TENANT)
def export(caller):
    return customers.export(caller.tenant_id, **_filters(json_body(bp)))


@route(bp, "/api/api-keys", roles=TENANT)
def list_keys(caller):
    return api_keys.list_keys(caller.tenant_id)


@route(bp, "/api/api-keys", methods=["POST"], roles=TENANT, status=201)
def create_key(caller):
    return api_keys.create(caller.tenant_id, caller.username, body(bp, ApiKeyRequest).name)


@route(bp, "/api/api-keys/{key_id}/revoke", methods=["POST"], roles=TENANT)
def revoke_key(key_id, caller):
    return api_keys.revoke(caller.tenant_id, key_id)


@route(bp, "/api/integration", roles=TENANT)
def integration(caller):
    return {"bucket": config.upload_bucket(),
            "drop_prefixes": {kind: f"drop/{caller.tenant_id}/{kind}/" for kind in KINDS},
            "bulk_max_rows": BULK_MAX_ROWS}

