"""Sign-in through the API: answers that never tell whether an account exists, password reset, sessions ended
by a password change or reset, tenants that may not log in. (The rules of the lock, the SMS code's expiry,
single use, attempt limit and resend throttle are tested on the in-memory stores: tests/unit/test_sign_in_rules.py.)"""
import json

import pytest

from chalicelib.services import auth
from tests.integration.conftest import sent_sms
from tests.integration.helpers import approved_tenant, last_code, log_in, registration

USER, PASSWORD, MOBILE = "pharmacy1", "Secret123", "13900000001"


@pytest.fixture
def tenant(api):
    return approved_tenant(api, 1)


def answer(response) -> tuple:
    return response.status_code, response.data["code"], response.data["message"], response.data["details"]


def test_a_wrong_password_answers_alike_for_a_real_and_an_unknown_login_name_up_to_the_lock(api, tenant):
    answers = []
    for _ in range(6):
        real = api.post("/api/auth/login", {"username": USER, "password": "Wrong1234"})
        unknown = api.post("/api/auth/login", {"username": "nobody99", "password": "Wrong1234"})
        assert answer(real) == answer(unknown)
        answers.append(answer(real)[:3])
    # The same words every time (no count of tries left), then both say they are locked
    assert answers[:4] == [(401, "BAD_CREDENTIALS", auth.BAD_CREDENTIALS)] * 4
    assert [a[:2] for a in answers[4:]] == [(423, "ACCOUNT_LOCKED")] * 2 and "已锁定" in answers[5][2]


def other_than(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_the_api_never_returns_a_code(api, tenant):
    started = api.post("/api/auth/login", {"username": USER, "password": PASSWORD})
    code = last_code(MOBILE)
    assert code not in json.dumps(started.data)
    resent = api.post("/api/auth/resend", {"challenge_id": started.data["challenge_id"]})
    assert resent.status_code == 429
    assert code not in json.dumps(resent.data)


def test_password_reset_by_sms_replaces_the_password_and_lifts_the_lock(api, tenant):
    for _ in range(5):
        api.post("/api/auth/login", {"username": USER, "password": "Wrong1234"})
    assert api.post("/api/auth/login", {"username": USER, "password": PASSWORD}).status_code == 423

    started = api.post("/api/auth/password-reset", {"username": USER, "mobile": MOBILE})
    confirmed = api.post("/api/auth/password-reset/confirm", {
        "challenge_id": started.data["challenge_id"], "code": last_code(MOBILE), "new_password": "Fresh2026x"})
    assert confirmed.status_code == 200

    assert api.post("/api/auth/login", {"username": USER, "password": PASSWORD}).status_code == 401
    assert log_in(api, USER, "Fresh2026x", MOBILE)


def test_password_reset_for_a_wrong_mobile_looks_the_same_and_sends_nothing(api, tenant):
    before = len(sent_sms())
    answer = api.post("/api/auth/password-reset", {"username": USER, "mobile": "13700000000"})
    assert answer.status_code == 200 and answer.data["challenge_id"]
    assert len(sent_sms()) == before
    refused = api.post("/api/auth/password-reset/confirm", {
        "challenge_id": answer.data["challenge_id"], "code": "123456", "new_password": "Fresh2026x"})
    assert refused.status_code == 400


def test_rejected_and_disabled_tenants_get_a_clear_message_and_no_token(api):
    admin_form = registration(5)
    tenant_id = api.post("/api/auth/register", admin_form).data["tenant_id"]
    from tests.integration.helpers import admin_token
    admin = admin_token(api)
    api.post(f"/api/admin/tenants/{tenant_id}/reject", {"reason": "执照信息不一致"}, token=admin)
    rejected = api.post("/api/auth/login", {"username": "pharmacy5", "password": "Secret123"})
    assert (rejected.status_code, rejected.data["code"]) == (403, "TENANT_REJECTED")
    assert "执照信息不一致" in rejected.data["message"]

    api.post(f"/api/admin/tenants/{tenant_id}/approve", token=admin)
    token = log_in(api, "pharmacy5", "Secret123", admin_form["contact_phone"])
    api.post(f"/api/admin/tenants/{tenant_id}/disable", token=admin)
    disabled = api.post("/api/auth/login", {"username": "pharmacy5", "password": "Secret123"})
    assert (disabled.status_code, disabled.data["code"]) == (403, "TENANT_DISABLED")
    # A token issued before the tenant was disabled stops working at once
    assert api.get("/api/me", token=token).status_code == 403


def test_a_password_reset_ends_every_session_opened_before_it(api, tenant):
    _, before = tenant
    assert api.get("/api/me", token=before).status_code == 200
    started = api.post("/api/auth/password-reset", {"username": USER, "mobile": MOBILE})
    api.post("/api/auth/password-reset/confirm", {
        "challenge_id": started.data["challenge_id"], "code": last_code(MOBILE), "new_password": "Fresh2026x"})
    assert api.get("/api/me", token=before).status_code in (401, 403)
    assert api.get("/api/me", token=log_in(api, USER, "Fresh2026x", MOBILE)).status_code == 200


def test_a_password_change_ends_other_sessions_and_hands_the_caller_a_fresh_one(api, tenant):
    _, here = tenant
    elsewhere = log_in(api, USER, PASSWORD, MOBILE)
    changed = api.post("/api/me/password", {"old_password": PASSWORD, "new_password": "Newer2026"}, token=here)
    assert changed.status_code == 200 and changed.data["token"] and changed.data["expires_at"]
    assert api.get("/api/me", token=elsewhere).status_code in (401, 403)
    assert api.get("/api/me", token=here).status_code in (401, 403)
    assert api.get("/api/me", token=changed.data["token"]).status_code == 200


def test_guessing_the_old_password_locks_the_account_as_at_login(api, tenant):
    _, token = tenant
    for left in (4, 3, 2, 1):
        wrong = api.post("/api/me/password", {"old_password": "Guess1234", "new_password": "Newer2026"}, token=token)
        assert wrong.status_code == 400 and f"再错 {left} 次" in wrong.data["message"]
    locked = api.post("/api/me/password", {"old_password": "Guess1234", "new_password": "Newer2026"}, token=token)
    assert (locked.status_code, locked.data["code"]) == (423, "ACCOUNT_LOCKED")
    # Locked: even the right old password is refused with the lock message, and so is a login
    right = api.post("/api/me/password", {"old_password": PASSWORD, "new_password": "Newer2026"}, token=token)
    assert right.status_code == 423 and "已锁定" in right.data["message"]
    assert api.post("/api/auth/login", {"username": USER, "password": PASSWORD}).status_code == 423


def test_a_repeated_reset_request_is_throttled_alike_for_real_and_made_up_pairs(api, tenant):
    # (the throttle is per login name, so each pair has its own name)
    pairs = [{"username": USER, "mobile": MOBILE}, {"username": "nobody99", "mobile": MOBILE},
             {"username": "nobody98", "mobile": "13700000000"}]
    for pair in pairs:
        first = api.post("/api/auth/password-reset", pair)
        again = api.post("/api/auth/password-reset", pair)
        assert first.status_code == 200 and set(first.data) == {"challenge_id", "masked_mobile", "expires_in",
                                                                "resend_after"}
        assert again.status_code == 429 and again.data["code"] == "TOO_MANY_REQUESTS"


def test_wrong_reset_codes_answer_alike_for_a_real_and_a_made_up_challenge(api, tenant):
    real = api.post("/api/auth/password-reset", {"username": USER, "mobile": MOBILE}).data["challenge_id"]
    code = last_code(MOBILE)
    made_up = api.post("/api/auth/password-reset", {"username": "nobody99", "mobile": MOBILE}).data["challenge_id"]
    for _ in range(6):
        answers = [api.post("/api/auth/password-reset/confirm", {
            "challenge_id": challenge, "code": other_than(code), "new_password": "Fresh2026x"})
            for challenge in (real, made_up)]
        assert answer(answers[0]) == answer(answers[1])
    assert answers[0].data["code"] == "TOO_MANY_ATTEMPTS"


def test_a_reset_challenge_cannot_be_resent_real_or_made_up(api, tenant):
    real = api.post("/api/auth/password-reset", {"username": USER, "mobile": MOBILE}).data["challenge_id"]
    made_up = api.post("/api/auth/password-reset", {"username": "nobody99", "mobile": MOBILE}).data["challenge_id"]
    answers = [api.post("/api/auth/resend", {"challenge_id": challenge}) for challenge in (real, made_up)]
    assert answer(answers[0]) == answer(answers[1]) and answers[0].status_code == 400
