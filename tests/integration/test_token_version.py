"""Sessions end when they should: a password change, a disable and 退出所有设备 each end every earlier token at once."""
import pytest

from chalicelib.adapters import user_store
from chalicelib.errors import AppError
from chalicelib.services import session
from tests.integration.helpers import admin_token, approved_tenant, log_in
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401 (fixture)

PASSWORD = "Shop2026ab"
REVOKED = "登录已失效（密码已修改、账号被停用或已退出所有设备），请重新登录"


def refused(api, token: str) -> dict:
    """The refusal's code and message (the test Client answers a refused authorizer with a bare 403; the
    gateway response that carries them is tested in test_gateway_responses.py)."""
    assert api.get("/api/me", token=token).status_code in (401, 403)
    with pytest.raises(AppError) as refusal:
        session.check(token)
    return {"code": refusal.value.code, "message": refusal.value.message}


def sub_account(api, admin: str, username: str, mobile: str) -> str:
    form = {"username": username, "display_name": "王店员", "mobile": mobile, "password": PASSWORD,
            "role": "tenant_readonly"}
    assert api.post("/api/accounts", form, token=admin).status_code == 201
    return log_in(api, username, PASSWORD, mobile)


def staff_member(api, admin: str, username: str, mobile: str) -> str:
    form = {"username": username, "display_name": "客服一", "mobile": mobile, "role": "customer_service",
            "password": "Staff2026x"}
    assert api.post("/api/admin/staff", form, token=admin).status_code == 201
    return log_in(api, username, "Staff2026x", mobile)


def test_logout_all_ends_every_session_of_the_account_including_the_callers_own(api, aws):
    # Given a tenant admin signed in on two devices
    _, first = approved_tenant(api, 191)
    second = log_in(api, "pharmacy191", "Secret123", "13900000191")
    # When one of them asks to sign out everywhere
    answer = api.post("/api/me/logout-all", {}, token=first)
    # Then the answer is 200 and both tokens are refused with the one revocation message
    assert (answer.status_code, answer.data) == (200, {"ok": True})
    assert refused(api, first) == {"code": "TOKEN_REVOKED", "message": REVOKED}
    assert refused(api, second)["code"] == "TOKEN_REVOKED"
    # And a fresh login works again
    assert api.get("/api/me", token=log_in(api, "pharmacy191", "Secret123", "13900000191")).status_code == 200


def test_staff_may_log_out_everywhere_too(api, aws):
    token = staff_member(api, admin_token(api), "cs_logout", "13600000191")
    assert api.post("/api/me/logout-all", {}, token=token).status_code == 200
    assert refused(api, token)["code"] == "TOKEN_REVOKED"


def test_disabling_a_sub_account_ends_its_token_and_a_re_enable_does_not_revive_it(api, aws):
    # Given a 只读 sub-account signed in
    _, admin = approved_tenant(api, 192)
    token = sub_account(api, admin, "viewer192", "13700000192")
    # When the 企业管理员 disables it, then enables it again
    assert api.post("/api/accounts/viewer192/disable", {}, token=admin).status_code == 200
    assert refused(api, token)["code"] == "ACCOUNT_DISABLED"
    assert api.post("/api/accounts/viewer192/enable", {}, token=admin).status_code == 200
    # Then the token issued before the disable stays dead
    assert refused(api, token) == {"code": "TOKEN_REVOKED", "message": REVOKED}


def test_disabling_a_staff_member_ends_its_token_for_good(api, aws):
    admin = admin_token(api)
    token = staff_member(api, admin, "cs_disabled", "13600000192")
    assert api.post("/api/admin/staff/cs_disabled/disable", {}, token=admin).status_code == 200
    assert refused(api, token)["code"] == "ACCOUNT_DISABLED"  # while disabled, the page says why
    assert api.post("/api/admin/staff/cs_disabled/enable", {}, token=admin).status_code == 200
    assert refused(api, token)["code"] == "TOKEN_REVOKED"


def test_a_password_change_ends_earlier_tokens_with_the_same_message(api, aws):
    _, first = approved_tenant(api, 193)
    changed = api.post("/api/me/password", {"old_password": "Secret123", "new_password": "Secret456"}, token=first)
    assert changed.status_code == 200, changed.data
    assert refused(api, first) == {"code": "TOKEN_REVOKED", "message": REVOKED}
    assert api.get("/api/me", token=changed.data["token"]).status_code == 200


def test_parallel_logout_all_calls_each_bump_the_version(api, aws, atomic_dynamodb):
    # Given an account whose version is known
    _, token = approved_tenant(api, 194)
    before = user_store.get("pharmacy194").token_version
    # When four devices sign out everywhere at the same moment (services directly: the test Client is not
    # thread-safe)
    answers = all_at_once(*[lambda: session.end_all_sessions("pharmacy194")] * 4)
    # Then every call succeeded and counted: no read-then-write lost a bump
    assert answers == [{"ok": True}] * 4
    assert user_store.get("pharmacy194").token_version == before + 4
    assert refused(api, token)["code"] == "TOKEN_REVOKED"
