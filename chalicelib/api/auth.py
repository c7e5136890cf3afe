"""Public auth endpoints: meta, licence upload, registration, login, SMS verify, password reset."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import body, route
from chalicelib.domain import fields
from chalicelib.domain.schemas import (
    ChallengeRequest,
    LicenseUploadRequest,
    LoginRequest,
    RegisterRequest,
    ResetConfirmRequest,
    ResetRequest,
    VerifyRequest,
)
from chalicelib.services import auth, registration
from chalicelib.services.plans import dictionaries

bp = Blueprint(__name__)


@route(bp, "/api/meta", response=responses.Meta)
def meta():
    return {"industries": dictionaries.industries(), "password_rule": fields.PASSWORD_RULE,
            "username_rule": fields.USERNAME_RULE}


@route(bp, "/api/auth/license-upload", methods=["POST"], request=LicenseUploadRequest, response=responses.UploadTicket)
def license_upload():
    return registration.license_upload(body(bp, LicenseUploadRequest))


@route(bp, "/api/auth/register", methods=["POST"], status=201, request=RegisterRequest, response=responses.Registered)
def register():
    return registration.register(body(bp, RegisterRequest, {"industries": dictionaries.industries()}))


@route(bp, "/api/auth/login", methods=["POST"], request=LoginRequest, response=responses.Challenge)
def login():
    request = body(bp, LoginRequest)
    return auth.login(request.username, request.password)


@route(bp, "/api/auth/resend", methods=["POST"], request=ChallengeRequest, response=responses.Challenge)
def resend():
    return auth.resend(body(bp, ChallengeRequest).challenge_id)


@route(bp, "/api/auth/verify", methods=["POST"], request=VerifyRequest, response=responses.Session)
def verify():
    request = body(bp, VerifyRequest)
    return auth.verify(request.challenge_id, request.code)


@route(bp, "/api/auth/password-reset", methods=["POST"], request=ResetRequest, response=responses.Challenge)
def password_reset():
    request = body(bp, ResetRequest)
    return auth.start_reset(request.username, request.mobile)


@route(bp, "/api/auth/password-reset/confirm", methods=["POST"], request=ResetConfirmRequest, response=responses.Ok)
def password_reset_confirm():
    request = body(bp, ResetConfirmRequest)
    auth.confirm_reset(request.challenge_id, request.code, request.new_password)
    return {"ok": True}
