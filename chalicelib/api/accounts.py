"""企业子账号: the 企业管理员's 店长 and 只读 logins."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, route
from chalicelib.domain.roles import TENANT_ADMIN
from chalicelib.domain.schemas import AccountRequest
from chalicelib.services import accounts

bp = Blueprint(__name__)


@route(bp, "/api/accounts", roles=TENANT_ADMIN, response=responses.AccountsList)
def list_accounts(caller):
    return accounts.list_accounts(caller.tenant_id)


@route(bp, "/api/accounts", methods=["POST"], roles=TENANT_ADMIN, status=201, request=AccountRequest,
       response=responses.AccountResponse)
def create_account(caller):
    return {"account": accounts.create_account(caller.tenant_id, body(bp, AccountRequest), caller.username)}


@route(bp, "/api/accounts/{username}/disable", methods=["POST"], roles=TENANT_ADMIN, response=responses.AccountResponse)
def disable_account(username, caller):
    return {"account": accounts.set_enabled(caller.tenant_id, username, False, caller.username)}


@route(bp, "/api/accounts/{username}/enable", methods=["POST"], roles=TENANT_ADMIN, response=responses.AccountResponse)
def enable_account(username, caller):
    return {"account": accounts.set_enabled(caller.tenant_id, username, True, caller.username)}
