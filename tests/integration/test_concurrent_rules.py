"""Every "only one" and "at most N" rule of sign-in, registration, staff and API keys holds under parallel requests."""
import pyotp
import pytest

from chalicelib import config
from chalicelib.adapters import tenant_store
from chalicelib.domain.schemas import ProfileRequest, RegisterRequest, parse
from chalicelib.errors import AppError
from chalicelib.services import auth, passwords, profile, review, staff
from chalicelib.services import registration as registrations
from tests.integration.conftest import sent_sms
from tests.integration.helpers import admin_token, approved_tenant, last_code, license_no, registration
from tests.integration.parallel import Counter, all_at_once, atomic_dynamodb  # noqa: F401 (fixture)

T0 = 1_800_000_000
USER, PASSWORD, MOBILE = "pharmacy1", "Secret123", "13900000001"
PARALLEL = 12

pytestmark = pytest.mark.usefixtures("atomic_dynamodb")


@pytest.fixture
def tenant(api):
    return approved_tenant(api, 1)


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_parallel_wrong_codes_compare_at_most_the_attempt_limit(tenant, monkeypatch):
    # Given a login waiting for its SMS code
    challenge = auth.login(USER, PASSWORD, now=T0)["challenge_id"]
    guess = wrong(last_code(MOBILE))
    compared = Counter(pyotp.HOTP.verify)
    monkeypatch.setattr(pyotp.HOTP, "verify", lambda self, *a: compared(self, *a))
    # When twelve wrong codes arrive at the same moment
    answers = all_at_once(*[lambda: auth.verify(challenge, guess, now=T0 + 1)] * PARALLEL)
    # Then no more codes were compared than the limit allows, and every answer is a refusal
    assert compared.calls <= config.SMS_CODE_MAX_ATTEMPTS
    assert all(isinstance(answer, AppError) for answer in answers)


def test_parallel_wrong_passwords_compare_at_most_the_failure_limit(tenant, monkeypatch):
    compared = Counter(passwords.verify_password)
    monkeypatch.setattr(passwords, "verify_password", compared)
    answers = all_at_once(*[lambda: auth.login(USER, "Wrong1234", now=T0)] * PARALLEL)
    assert compared.calls <= config.MAX_PASSWORD_FAILURES
    assert sorted({answer.code for answer in answers}) == ["ACCOUNT_LOCKED", "BAD_CREDENTIALS"]


def test_parallel_logins_send_one_sms(tenant):
    before = len(sent_sms())
    answers = all_at_once(*[lambda: auth.login(USER, PASSWORD, now=T0)] * 6)
    assert len(sent_sms()) == before + 1
    assert sum(isinstance(answer, dict) for answer in answers) == 1


def test_parallel_resends_send_one_sms(tenant):
    challenge = auth.login(USER, PASSWORD, now=T0)["challenge_id"]
    before = len(sent_sms())
    answers = all_at_once(*[lambda: auth.resend(challenge, now=T0 + 61)] * 6)
    assert len(sent_sms()) == before + 1
    assert sum(isinstance(answer, dict) for answer in answers) == 1


# Parallel requests go to the services the routes call: chalice's test client keeps one current request for the
# whole app, so requests sent to it from several threads at once could read each other's bodies.
def register(form: dict) -> str:
    try:
        registrations.register(parse(RegisterRequest, form))
        return "created"
    except AppError as error:
        return error.code


def test_parallel_registrations_of_one_licence_make_one_tenant(api):
    forms = [registration(seed, license_no=license_no(99)) for seed in range(1, 7)]
    answers = all_at_once(*[lambda form=form: register(form) for form in forms])
    assert sorted(answers) == ["LICENSE_REGISTERED"] * 5 + ["created"]


def test_parallel_registrations_of_one_login_name_make_one_login(api):
    forms = [registration(seed, username="samename") for seed in range(1, 7)]
    answers = all_at_once(*[lambda form=form: register(form) for form in forms])
    assert sorted(answers) == ["USERNAME_TAKEN"] * 5 + ["created"]


def test_a_profile_change_to_a_licence_being_registered_at_once_leaves_one_holder(api):
    # Given an approved tenant, and a licence nobody holds yet
    tenant_id, token = approved_tenant(api, 1)
    profile = api.get("/api/me", token=token).data["tenant"]
    wanted = license_no(77)
    change = {**{f: profile[f] for f in ("company_name", "contact_name", "contact_phone", "region", "industry")},
              "license_no": wanted}
    # When the tenant asks for that licence while two newcomers register it
    answers = all_at_once(lambda: change_profile(tenant_id, change),
                          *[lambda seed=seed: register(registration(seed, license_no=wanted)) for seed in (2, 3)])
    # Then exactly one of the three gets it
    assert sorted(answers) == ["LICENSE_REGISTERED"] * 2 + ["created"]


def change_profile(tenant_id: str, change: dict) -> str:
    try:
        profile.update_profile(tenant_id, USER, parse(ProfileRequest, change))
        return "created"
    except AppError as error:
        return error.code


def test_a_change_approved_while_the_tenant_withdraws_it_ends_one_way_only(api):
    # Given a tenant whose new company name waits for review
    tenant_id, token = approved_tenant(api, 1)
    current = api.get("/api/me", token=token).data["tenant"]
    fields = ("company_name", "contact_name", "contact_phone", "region", "industry", "license_no")
    assert change_profile(tenant_id, {**{f: current[f] for f in fields}, "company_name": "新名字大药房"}) == "created"
    # When staff approve it at the moment the tenant withdraws it
    approved, withdrawn = all_at_once(lambda: outcome(lambda: review.decide_changes(tenant_id, True, "admin")),
                                      lambda: outcome(lambda: profile.withdraw_change(tenant_id, USER)))
    # Then it is either approved (nothing left to withdraw) or withdrawn (the approval refused), never both
    stored = tenant_store.get(tenant_id)
    if approved == "ok":
        assert withdrawn == "NO_PENDING_CHANGE" and stored.company_name == "新名字大药房"
    else:
        assert withdrawn == "ok" and approved in ("TENANT_CHANGED", "CONFLICT")
        assert stored.company_name == current["company_name"]
    assert stored.pending_changes is None


def outcome(call) -> str:
    try:
        call()
        return "ok"
    except AppError as error:
        return error.code


def test_a_licence_of_a_rejected_registration_can_be_registered_again(api):
    first = api.post("/api/auth/register", registration(1)).data["tenant_id"]
    api.post(f"/api/admin/tenants/{first}/reject", {"reason": "执照模糊"}, token=admin_token(api))
    again = api.post("/api/auth/register", registration(2, license_no=license_no(1)))
    assert again.status_code == 201, again.data


def test_parallel_key_requests_never_exceed_five_active_keys(api, tenant):
    _, token = tenant
    api.post("/api/api-keys", {"name": "已有"}, token=token)
    answers = all_at_once(*[lambda n=n: api.post("/api/api-keys", {"name": f"并发{n}"}, token=token)
                            for n in range(PARALLEL)])
    assert sum(answer.status_code == 201 for answer in answers) == 4
    active = [key for key in api.get("/api/api-keys", token=token).data["items"] if not key["revoked_at"]]
    assert len(active) == 5


def test_a_revoked_key_frees_one_place_even_when_revoked_twice_at_once(api, tenant):
    _, token = tenant
    keys = [api.post("/api/api-keys", {"name": f"k{n}"}, token=token).data for n in range(5)]
    all_at_once(*[lambda: api.post(f"/api/api-keys/{keys[0]['key_id']}/revoke", token=token)] * 4)
    answers = all_at_once(*[lambda n=n: api.post("/api/api-keys", {"name": f"新{n}"}, token=token) for n in range(4)])
    assert sum(answer.status_code == 201 for answer in answers) == 1


def test_two_admins_disabling_each_other_at_once_leave_one_admin(api):
    admin = admin_token(api)
    api.post("/api/admin/staff", {"username": "boss2", "display_name": "二号管理员", "mobile": "13800000002",
                                  "role": "admin", "password": "Boss2Pass1"}, token=admin)
    answers = all_at_once(lambda: staff.set_enabled("boss2", False, "admin"),
                          lambda: staff.set_enabled("admin", False, "boss2"))
    assert sum(isinstance(answer, dict) for answer in answers) == 1
    remaining = staff.list_staff()["items"]
    assert sum(s["role"] == "admin" and s["status"] == "active" for s in remaining) == 1


def test_a_rejected_tenant_whose_licence_was_registered_since_cannot_be_approved(api):
    admin = admin_token(api)
    first = api.post("/api/auth/register", registration(1)).data["tenant_id"]
    api.post(f"/api/admin/tenants/{first}/reject", {"reason": "执照模糊"}, token=admin)
    assert api.post("/api/auth/register", registration(2, license_no=license_no(1))).status_code == 201
    refused = api.post(f"/api/admin/tenants/{first}/approve", token=admin)
    assert (refused.status_code, refused.data["code"]) == (409, "LICENSE_REGISTERED")
