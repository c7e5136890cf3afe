"""The customer list, API keys and the ERP integration settings."""
from chalice import Blueprint

from chalicelib import config
from chalicelib.api.contracts import bodies, responses
from chalicelib.api.exports import link_or_job
from chalicelib.api.http import body, json_body, query, query_int, route
from chalicelib.domain.import_spec import BULK_MAX_ROWS, KINDS
from chalicelib.domain.roles import TENANT_ADMIN, TENANT_EXPORT, TENANT_READ
from chalicelib.domain.schemas import ApiKeyRequest, CustomerFilter, parse
from chalicelib.services import api_keys, customers

bp = Blueprint(__name__)


FILTERS = ("q", "class", "tag", "store", "sort", "order")


def _filters(values, caller) -> dict:
    """The list's filters; `class` (as the query string names it) is `rfm_class` inside; a 店长 sees its store only."""
    values = {name: value for name, value in (values if isinstance(values, dict) else {}).items() if value}
    if "class" in values:
        values["rfm_class"] = values.pop("class")
    filters = parse(CustomerFilter, values).model_dump()
    return {**filters, "store": caller.store} if caller.store else filters


@route(bp, "/api/customers", roles=TENANT_READ, query=FILTERS, response=responses.CustomersPage)
def list_customers(caller):
    filters = _filters({name: query(bp, name) for name in FILTERS}, caller)
    return customers.list_customers(caller.tenant_id, query_int(bp, "page", 1), query_int(bp, "size", 20),
                                    mobile_visible=caller.mobile_visible, **filters)


@route(bp, "/api/customers/distribution", roles=TENANT_READ, response=responses.Distribution)
def distribution(caller):
    return customers.distribution(caller.tenant_id, caller.store or query(bp, "store") or "")


@route(bp, "/api/customers/export", methods=["POST"], roles=TENANT_EXPORT, request=bodies.CUSTOMER_FILTER,
       also=(202,), response=responses.LinkOrJob)
def export(caller):
    return link_or_job(customers.export(caller.tenant_id, caller.username, caller.mobile_visible,
                                        **_filters(json_body(bp), caller)))


@route(bp, "/api/api-keys", roles=TENANT_ADMIN, response=responses.ApiKeys)
def list_keys(caller):
    return api_keys.list_keys(caller.tenant_id)


@route(bp, "/api/api-keys", methods=["POST"], roles=TENANT_ADMIN, status=201, request=ApiKeyRequest,
       response=responses.ApiKeyCreated)
def create_key(caller):
    return api_keys.create(caller.tenant_id, caller.username, body(bp, ApiKeyRequest).name)


@route(bp, "/api/api-keys/{key_id}/revoke", methods=["POST"], roles=TENANT_ADMIN, response=responses.ApiKeyRevoked)
def revoke_key(key_id, caller):
    return api_keys.revoke(caller.tenant_id, key_id, caller.username)


@route(bp, "/api/integration", roles=TENANT_ADMIN, response=responses.Integration)
def integration(caller):
    return {"bucket": config.upload_bucket(),
            "drop_prefixes": {kind: f"drop/{caller.tenant_id}/{kind}/" for kind in KINDS},
            "bulk_max_rows": BULK_MAX_ROWS}

