"""门店: the tenant's stores with each one's customers by class, and store names added by hand."""
from chalice import Blueprint

from chalicelib.api.contracts import bodies, responses
from chalicelib.api.http import json_body, route
from chalicelib.domain.roles import TENANT_ADMIN, TENANT_READ
from chalicelib.services import stores

bp = Blueprint(__name__)


@route(bp, "/api/stores", roles=TENANT_READ, response=responses.StoresList)
def list_stores(caller):
    return stores.list_stores(caller.tenant_id, caller.store)


@route(bp, "/api/stores", methods=["POST"], roles=TENANT_ADMIN, status=201, request=bodies.STORE_NAME,
       response=responses.StoreAdded)
def add_store(caller):
    request = json_body(bp)
    return stores.add_store(caller.tenant_id, request.get("name") if isinstance(request, dict) else None,
                            caller.username)
