"""The logged-in user's own account."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, route
from chalicelib.domain.roles import STAFF_ROLES, TENANT_ADMIN, TENANT_ROLES
from chalicelib.domain.schemas import ChangePasswordRequest, ProfileRequest
from chalicelib.services import auth, profile, session

bp = Blueprint(__name__)
ANYONE = STAFF_ROLES + TENANT_ROLES


@route(bp, "/api/me", roles=ANYONE, response=responses.MeResponse)
def me(caller):
    return profile.me(caller.username)


@route(bp, "/api/me/password", methods=["POST"], roles=ANYONE, request=ChangePasswordRequest,
       response=responses.PasswordChanged)
def change_password(caller):
    request = body(bp, ChangePasswordRequest)
    # Earlier tokens end with the old password; the caller carries on with the fresh one in the answer.
    return {"ok": True, **auth.change_password(caller.username, request.old_password, request.new_password)}


@route(bp, "/api/me/logout-all", methods=["POST"], roles=ANYONE, response=responses.Ok)
def logout_all(caller):
    return session.end_all_sessions(caller.username)


@route(bp, "/api/me/profile", methods=["PUT"], roles=TENANT_ADMIN, request=ProfileRequest,
       response=responses.ProfileUpdated)
def update_profile(caller):
    return profile.update_profile(caller.tenant_id, caller.username, body(bp, ProfileRequest))


@route(bp, "/api/me/profile/withdraw", methods=["POST"], roles=TENANT_ADMIN, response=responses.TenantResponse)
def withdraw_profile_change(caller):
    return profile.withdraw_change(caller.tenant_id, caller.username)
