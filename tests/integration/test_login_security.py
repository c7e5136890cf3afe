"""Lock-out, SMS code expiry, single use, attempt limit, resend throttle, password reset."""
import json
import re

import pytest

from chalicelib.errors import AppError, Locked, TooManyRequests, Unauthorized
from chalicelib.services import auth
from tests.integration.conftest import sent_sms
from tests.integration.helpers import approved_tenant, last_code, log_in, registration

T0 = 1_800_000_000
USER, PASSWORD, MOBILE = "pharmacy1", "Secret123", "13900000001"


@pytest.fixture
def tenant(api):
    return approved_tenant(api, 1)


def start_login(now: float) -> dict:
    return auth.login(USER, PASSWORD, now=now)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(tenant):
    for tries_left in (4, 3, 2, 1):
        with pytest.raises(Unauthorized, match=f"再错 {tries_left} 次"):
            auth.login(USER, "Wrong1234", now=T0)
    with pytest.raises(Locked):
        auth.login(USER, "Wrong1234", now=T0)
    # Even the right password is refused while locked
    with pytest.raises(Locked, match="14 分钟"):
        start_login(T0 + 60)
    # After 15 minutes it works again
    assert start_login(T0 + 15 * 60 + 1)["challenge_id"]


def test_wrong_password_answer_never_tells_whether_the_login_name_exists(tenant):
    with pytest.raises(Unauthorized) as unknown:
        auth.login("nobody99", "Wrong1234", now=T0)
    assert unknown.value.message == "登录名或密码错误"


def test_sms_code_expires_after_five_minutes(tenant):
    challenge = start_login(T0)
    with pytest.raises(AppError) as error:
        auth.verify(challenge["challenge_id"], last_code(MOBILE), now=T0 + 5 * 60 + 1)
    assert error.value.code == "CODE_EXPIRED"


def test_sms_code_works_once(tenant):
    challenge = start_login(T0)
    code = last_code(MOBILE)
    assert auth.verify(challenge["challenge_id"], code, now=T0 + 10)["token"]
    with pytest.raises(AppError) as error:
        auth.verify(challenge["challenge_id"], code, now=T0 + 20)
    assert error.value.code == "CODE_USED"


def test_sms_code_allows_five_attempts_then_refuses_even_the_right_code(tenant):
    challenge = start_login(T0)
    code = last_code(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(AppError, match=f"还可尝试 {left} 次"):
            auth.verify(challenge["challenge_id"], wrong, now=T0 + 1)
    with pytest.raises(AppError) as fifth:
        auth.verify(challenge["challenge_id"], wrong, now=T0 + 1)
    assert fifth.value.code == "TOO_MANY_ATTEMPTS"
    with pytest.raises(AppError) as right:
        auth.verify(challenge["challenge_id"], code, now=T0 + 2)
    assert right.value.code == "TOO_MANY_ATTEMPTS"


def test_resending_is_throttled_to_once_a_minute_and_replaces_the_code(tenant):
    challenge = start_login(T0)
    first = last_code(MOBILE)
    with pytest.raises(TooManyRequests) as early:
        auth.resend(challenge["challenge_id"], now=T0 + 30)
    assert early.value.details == [{"field": "retry_after", "message": "30"}]
    auth.resend(challenge["challenge_id"], now=T0 + 61)
    second = last_code(MOBILE)
    if second != first:
        with pytest.raises(AppError):
            auth.verify(challenge["challenge_id"], first, now=T0 + 62)
    assert auth.verify(challenge["challenge_id"], second, now=T0 + 63)["token"]


def test_logging_in_again_within_a_minute_sends_no_second_sms(tenant):
    start_login(T0)
    with pytest.raises(TooManyRequests):
        start_login(T0 + 10)


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


def test_sms_text_names_the_product_and_holds_six_digits(tenant):
    start_login(T0)
    text = [t for n, t in sent_sms() if n == f"+86{MOBILE}"][-1]
    assert text.startswith("【精准营销云】") and re.search(r"\b\d{6}\b", text)


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
