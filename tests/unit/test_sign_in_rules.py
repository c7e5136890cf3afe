"""Sign-in on the in-memory stores: password, then SMS code, then a session; locks, throttles, password
change and reset ending earlier sessions, and sub-accounts."""
import re
import time
from types import SimpleNamespace

import pytest

from chalicelib.adapters.tenant_store import Tenant
from chalicelib.adapters.user_store import User
from chalicelib.domain.roles import READ_ONLY, STORE_MANAGER, TENANT_USER
from chalicelib.domain.schemas import AccountRequest
from chalicelib.errors import AppError, Forbidden, Locked, NotFound, TooManyRequests, Unauthorized, ValidationFailed
from chalicelib.services import accounts, auth, passwords, session
from tests.fakes.audit import FakeAudit
from tests.fakes.challenges import FakeChallenges
from tests.fakes.guards import FakeGuards
from tests.fakes.tenants import FakeTenants
from tests.fakes.users import FakeUsers

T0 = 1_800_000_000
PASSWORD, MOBILE = "Secret123", "13900000001"


class Phone:
    def __init__(self):
        self.texts: list[str] = []

    def __call__(self, mobile: str, text: str) -> None:
        self.texts.append(text)

    @property
    def code(self) -> str:
        return re.search(r"\d{6}", self.texts[-1]).group()


def a_user(username="pharmacy1", role=TENANT_USER, **values) -> User:
    fields = {"user_id": f"id-{username}", "account_type": "tenant", "tenant_id": "t1", "display_name": "李经理",
              "mobile": MOBILE, "password_hash": passwords.hash_password(PASSWORD),
              "created_at": "2026-01-01T00:00:00+00:00"}
    return User(username=username, role=role, **{**fields, **values})


def a_tenant(status="approved") -> Tenant:
    return Tenant(tenant_id="t1", company_name="测试大药房", contact_name="李经理", contact_phone=MOBILE,
                  license_no="L1", region={}, industry="医药", username="pharmacy1", status=status,
                  created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00")


@pytest.fixture
def stores():
    users, locks = FakeUsers(a_user()), FakeGuards()
    return SimpleNamespace(users=users, tenants=FakeTenants(a_tenant(), users=users, locks=locks),
                           challenges=FakeChallenges(), locks=locks, phone=Phone())


def login(stores, password=PASSWORD, at=T0, username="pharmacy1") -> dict:
    return auth.login(username, password, now=at, send=stores.phone, users=stores.users, tenants=stores.tenants,
                      challenges=stores.challenges, locks=stores.locks)


def verify(stores, challenge_id, code, at=T0 + 10) -> dict:
    return auth.verify(challenge_id, code, now=at, users=stores.users, tenants=stores.tenants,
                       challenges=stores.challenges, locks=stores.locks)


def test_password_then_code_gives_a_session_and_notes_the_login(stores):
    # Given an approved tenant's admin
    # When it logs in with its password and the texted code
    challenge = login(stores)
    answer = verify(stores, challenge["challenge_id"], stores.phone.code)
    # Then it has a session for its tenant and role, and its last login is noted
    assert (answer["role"], answer["tenant_id"], answer["username"]) == (TENANT_USER, "t1", "pharmacy1")
    assert stores.users.get("pharmacy1").last_login_at is not None
    assert stores.locks.read("login#pharmacy1") is None  # the count is cleared


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(stores):
    for name in ("pharmacy1", "nobody"):
        with pytest.raises(Unauthorized) as refused:
            login(stores, "Wrong1234", username=name)
        assert refused.value.message == auth.BAD_CREDENTIALS


def test_a_tenant_under_review_cannot_log_in(stores):
    stores.tenants.items["t1"].status = "pending"
    with pytest.raises(Forbidden) as refused:
        login(stores)
    assert refused.value.code == "TENANT_PENDING"
    assert stores.phone.texts == []


def resend(stores, challenge_id, at) -> dict:
    return auth.resend(challenge_id, now=at, send=stores.phone, users=stores.users, challenges=stores.challenges)


def other_than(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(stores):
    for _ in range(4):
        with pytest.raises(Unauthorized) as wrong:
            login(stores, "Wrong1234")
        assert wrong.value.message == auth.BAD_CREDENTIALS
    with pytest.raises(Locked):
        login(stores, "Wrong1234")
    # Even the right password is refused while locked
    with pytest.raises(Locked, match="14 分钟"):
        login(stores, at=T0 + 60)
    # After 15 minutes it works again
    assert login(stores, at=T0 + 15 * 60 + 1)["challenge_id"]


def test_the_count_of_failures_is_per_login_name_in_any_spelling(stores):
    for _ in range(5):
        with pytest.raises(AppError):
            login(stores, "Wrong1234", username=" PHARMACY1 ")
    with pytest.raises(Locked):
        login(stores, at=T0 + 1)


def test_sms_code_expires_after_five_minutes(stores):
    challenge = login(stores)["challenge_id"]
    with pytest.raises(AppError) as error:
        verify(stores, challenge, stores.phone.code, at=T0 + 5 * 60 + 1)
    assert error.value.code == "CODE_EXPIRED"


def test_sms_code_works_once(stores):
    challenge = login(stores)["challenge_id"]
    assert verify(stores, challenge, stores.phone.code, at=T0 + 10)["token"]
    with pytest.raises(AppError) as error:
        verify(stores, challenge, stores.phone.code, at=T0 + 20)
    assert error.value.code == "CODE_USED"


def test_five_wrong_codes_lock_the_account_and_refuse_even_the_right_code(stores):
    challenge = login(stores)["challenge_id"]
    code = stores.phone.code
    for left in (4, 3, 2, 1):
        with pytest.raises(AppError, match=f"还可尝试 {left} 次"):
            verify(stores, challenge, other_than(code), at=T0 + 1)
    with pytest.raises(Locked):
        verify(stores, challenge, other_than(code), at=T0 + 1)
    with pytest.raises(Locked):
        verify(stores, challenge, code, at=T0 + 2)
    with pytest.raises(Locked):
        login(stores, at=T0 + 61)


def test_resending_a_code_does_not_restore_the_wrong_code_budget(stores):
    # Given three wrong codes
    challenge = login(stores)["challenge_id"]
    for _ in range(3):
        with pytest.raises(AppError):
            verify(stores, challenge, other_than(stores.phone.code), at=T0 + 1)
    # When a new code is sent, then two tries remain, not five
    resend(stores, challenge, T0 + 61)
    with pytest.raises(AppError, match="还可尝试 1 次"):
        verify(stores, challenge, other_than(stores.phone.code), at=T0 + 62)
    with pytest.raises(Locked):
        verify(stores, challenge, other_than(stores.phone.code), at=T0 + 63)


def test_logging_in_again_with_the_right_password_does_not_restore_the_budget_either(stores):
    first = login(stores)["challenge_id"]
    for _ in range(3):
        with pytest.raises(AppError):
            verify(stores, first, other_than(stores.phone.code), at=T0 + 1)
    second = login(stores, at=T0 + 61)["challenge_id"]
    with pytest.raises(AppError, match="还可尝试 1 次"):
        verify(stores, second, other_than(stores.phone.code), at=T0 + 62)
    with pytest.raises(Locked):
        verify(stores, second, other_than(stores.phone.code), at=T0 + 63)


def test_a_completed_login_clears_the_failures(stores):
    for _ in range(4):
        with pytest.raises(Unauthorized):
            login(stores, "Wrong1234")
    challenge = login(stores)["challenge_id"]
    assert verify(stores, challenge, stores.phone.code, at=T0 + 1)["token"]
    for _ in range(4):
        with pytest.raises(Unauthorized):
            login(stores, "Wrong1234", at=T0 + 2)


def test_resending_is_throttled_to_once_a_minute_and_replaces_the_code(stores):
    challenge = login(stores)["challenge_id"]
    first = stores.phone.code
    with pytest.raises(TooManyRequests) as early:
        resend(stores, challenge, T0 + 30)
    assert early.value.details == [{"field": "retry_after", "message": "30"}]
    resend(stores, challenge, T0 + 61)
    second = stores.phone.code
    if second != first:
        with pytest.raises(AppError):
            verify(stores, challenge, first, at=T0 + 62)
    assert verify(stores, challenge, second, at=T0 + 63)["token"]


def test_logging_in_again_within_a_minute_sends_no_second_sms(stores):
    login(stores)
    with pytest.raises(TooManyRequests):
        login(stores, at=T0 + 10)
    assert len(stores.phone.texts) == 1
    assert login(stores, at=T0 + 60)["challenge_id"]


def test_sms_text_names_the_product_and_holds_six_digits(stores):
    login(stores)
    assert stores.phone.texts[-1].startswith("【精准营销云】") and re.search(r"\b\d{6}\b", stores.phone.texts[-1])


def test_a_password_change_bumps_the_token_version_and_ends_earlier_sessions(stores):
    # Given a session opened now
    challenge = login(stores, at=int(time.time()))
    old = verify(stores, challenge["challenge_id"], stores.phone.code, at=int(time.time()))["token"]
    # When the password changes
    fresh = auth.change_password("pharmacy1", PASSWORD, "Newer2026x", users=stores.users, locks=stores.locks)
    # Then the version went up, the old token is refused and the new one works
    assert stores.users.get("pharmacy1").token_version == 1
    with pytest.raises(Unauthorized) as revoked:
        session.check(old, users=stores.users, tenants=stores.tenants)
    assert revoked.value.code == "TOKEN_REVOKED"
    assert session.check(fresh["token"], users=stores.users, tenants=stores.tenants)["username"] == "pharmacy1"


def test_a_wrong_old_password_changes_nothing(stores):
    with pytest.raises(ValidationFailed):
        auth.change_password("pharmacy1", "Wrong1234", "Newer2026x", users=stores.users, locks=stores.locks)
    assert stores.users.get("pharmacy1").token_version == 0


def test_a_reset_code_sets_the_password_and_ends_sessions(stores):
    reset = auth.start_reset("pharmacy1", MOBILE, now=T0, send=stores.phone, users=stores.users,
                             challenges=stores.challenges, locks=stores.locks)
    auth.confirm_reset(reset["challenge_id"], stores.phone.code, "Newer2026x", now=T0 + 10, users=stores.users,
                       challenges=stores.challenges, locks=stores.locks)
    user = stores.users.get("pharmacy1")
    assert user.token_version == 1 and passwords.verify_password(user.password_hash, "Newer2026x")


def test_a_reset_for_a_wrong_mobile_is_answered_alike_but_never_texted(stores):
    reset = auth.start_reset("pharmacy1", "13900000002", now=T0, send=stores.phone, users=stores.users,
                             challenges=stores.challenges, locks=stores.locks)
    assert reset["challenge_id"] and stores.phone.texts == []


# Sub-accounts (企业子账号)

def sub_account(stores, username="clerk1", role=READ_ONLY, store="") -> dict:
    request = AccountRequest(username=username, display_name="王店员", mobile="13900000002", password="Shop2026ab",
                             role=role, store=store)
    return accounts.create_account("t1", request, "pharmacy1", users=stores.users, audit=FakeAudit(),
                                   store_names=lambda tenant_id: ["南山店"])


def test_a_disabled_sub_account_loses_its_sessions_and_a_re_enable_revives_none(stores):
    sub_account(stores)
    audit = FakeAudit()
    disabled = accounts.set_enabled("t1", "clerk1", False, "pharmacy1", users=stores.users, audit=audit)
    assert disabled["status"] == "disabled"
    accounts.set_enabled("t1", "clerk1", True, "pharmacy1", users=stores.users, audit=audit)
    assert stores.users.get("clerk1").token_version == 1
    assert [entry["action"] for entry in audit.entries] == ["停用子账号", "启用子账号"]


def test_a_store_manager_needs_a_known_store(stores):
    with pytest.raises(ValidationFailed):
        sub_account(stores, "clerk2", STORE_MANAGER, "福田店")
    assert sub_account(stores, "clerk2", STORE_MANAGER, "南山店")["store"] == "南山店"


def test_the_admin_account_and_another_tenants_account_cannot_be_disabled_here(stores):
    stores.users.create(a_user("elsewhere", role=READ_ONLY, tenant_id="t2"))
    with pytest.raises(Forbidden):
        accounts.set_enabled("t1", "pharmacy1", False, "pharmacy1", users=stores.users, audit=FakeAudit())
    with pytest.raises(NotFound):
        accounts.set_enabled("t1", "elsewhere", False, "pharmacy1", users=stores.users, audit=FakeAudit())
