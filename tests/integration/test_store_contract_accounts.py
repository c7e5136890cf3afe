"""The account stores (users, tenants, challenges, API keys, guards) and their in-memory fakes keep the same
contract: each test runs once against the fake and once against the moto-backed store."""
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from chalicelib.adapters import api_key_store, challenge_store, guards, tenant_store, user_store
from chalicelib.adapters.api_key_store import ApiKey
from chalicelib.adapters.challenge_store import Challenge
from chalicelib.adapters.guards import Claim, ClaimLost
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.adapters.user_store import User
from chalicelib.domain.roles import ADMIN, CUSTOMER_SERVICE, TENANT_USER
from chalicelib.errors import Conflict
from tests.fakes.api_keys import FakeApiKeys
from tests.fakes.challenges import FakeChallenges
from tests.fakes.guards import FakeGuards
from tests.fakes.tenants import FakeTenants
from tests.fakes.users import FakeUsers


@pytest.fixture(params=["fake", "moto"])
def stores(request):
    if request.param == "moto":
        request.getfixturevalue("aws")
        return SimpleNamespace(users=user_store, tenants=tenant_store, challenges=challenge_store, keys=api_key_store,
                               locks=guards)
    users, locks = FakeUsers(), FakeGuards()
    return SimpleNamespace(users=users, tenants=FakeTenants(users=users, locks=locks), challenges=FakeChallenges(),
                           keys=FakeApiKeys(), locks=locks)


def a_user(username: str = "pharmacy1", created_at: str = "2026-01-01T00:00:00+00:00", **values) -> User:
    fields = {"user_id": f"id-{username}", "account_type": "tenant", "role": TENANT_USER, "tenant_id": "t1",
              "display_name": "李经理", "mobile": "13900000001", "password_hash": "hash", "created_at": created_at}
    return User(username=username, **{**fields, **values})


def a_tenant(tenant_id: str = "t1", created_at: str = "2026-01-01T00:00:00.000+00:00", **values) -> Tenant:
    fields = {"company_name": "测试大药房", "contact_name": "李经理", "contact_phone": "13900000001",
              "license_no": f"LIC-{tenant_id}", "region": {"province": "广东省", "code": "440300"}, "industry": "医药",
              "username": f"user-{tenant_id}", "status": "pending", "created_at": created_at, "updated_at": created_at}
    return Tenant(tenant_id=tenant_id, **{**fields, **values})


# Users

def test_a_created_user_reads_back_the_same_and_its_name_cannot_be_taken_again(stores):
    user = a_user(store="南山店", show_mobile=True, created_by="boss")
    stores.users.create(user)
    assert stores.users.get("pharmacy1") == user
    assert stores.users.get("nobody") is None
    with pytest.raises(Conflict) as taken:
        stores.users.create(a_user(display_name="另一个"))
    assert taken.value.code == "USERNAME_TAKEN"
    assert stores.users.get("pharmacy1").display_name == "李经理"


def test_tenant_users_and_staff_are_listed_oldest_first_and_apart(stores):
    stores.users.create(a_user("b", "2026-01-02T00:00:00+00:00"))
    stores.users.create(a_user("a", "2026-01-03T00:00:00+00:00"))
    stores.users.create(a_user("c", "2026-01-01T00:00:00+00:00", tenant_id="t2"))
    stores.users.create(a_user("s2", "2026-01-05T00:00:00+00:00", account_type="staff", tenant_id=None,
                               role=CUSTOMER_SERVICE))
    stores.users.create(a_user("s1", "2026-01-04T00:00:00+00:00", account_type="staff", tenant_id=None, role=ADMIN))
    assert [u.username for u in stores.users.tenant_users("t1")] == ["b", "a"]
    assert [u.username for u in stores.users.list_staff()] == ["s1", "s2"]
    assert stores.users.display_names(["a", "s1", "gone", None]) == {"a": "李经理", "s1": "李经理"}


def test_set_password_stores_the_hash_and_bumps_the_token_version(stores):
    stores.users.create(a_user())
    user = stores.users.get("pharmacy1")
    assert stores.users.set_password(user, "new-hash") == 1
    assert (user.password_hash, user.token_version) == ("new-hash", 1)
    assert stores.users.bump_token_version(user) == 2
    stored = stores.users.get("pharmacy1")
    assert (stored.password_hash, stored.token_version) == ("new-hash", 2)


def test_a_bump_counts_on_the_stored_version_even_from_a_record_read_earlier(stores):
    stores.users.create(a_user())
    first, second = stores.users.get("pharmacy1"), stores.users.get("pharmacy1")
    stores.users.bump_token_version(first)
    assert stores.users.bump_token_version(second) == 2


def test_disabling_ends_the_sessions_and_enabling_revives_none(stores):
    stores.users.create(a_user())
    user = stores.users.get("pharmacy1")
    stores.users.set_enabled(user, False)
    assert (user.status, user.token_version) == ("disabled", 1)
    stores.users.set_enabled(user, True)
    stored = stores.users.get("pharmacy1")
    assert (stored.status, stored.token_version) == ("active", 1) == (user.status, user.token_version)


def test_disable_by_needs_an_active_admin_as_the_actor(stores):
    stores.users.create(a_user("boss", account_type="staff", tenant_id=None, role=ADMIN))
    stores.users.create(a_user("agent", account_type="staff", tenant_id=None, role=CUSTOMER_SERVICE))
    stores.users.create(a_user("other", account_type="staff", tenant_id=None, role=ADMIN))
    other = stores.users.get("other")
    assert stores.users.disable_by(other, "agent") is False
    assert stores.users.get("other").status == "active"
    assert stores.users.disable_by(other, "boss") is True
    assert (other.status, other.token_version) == ("disabled", 1)
    # the disabled admin can no longer disable anyone: the last active admin stays
    assert stores.users.disable_by(stores.users.get("boss"), "other") is False
    assert stores.users.get("boss").status == "active"


def test_set_fields_changes_only_those_fields(stores):
    stores.users.create(a_user())
    user = stores.users.get("pharmacy1")
    stores.users.set_fields(user, mobile="13900000009", last_login_at="2026-02-01T00:00:00+00:00")
    assert stores.users.get("pharmacy1") == user
    assert (user.mobile, user.display_name, user.last_login_at) == ("13900000009", "李经理", "2026-02-01T00:00:00+00:00")


# Tenants

def test_a_tenant_and_its_login_are_stored_together_with_the_licence_claim(stores):
    tenant, user = a_tenant(), a_user("user-t1")
    stores.tenants.create_with_user(tenant, user, Claim("license#L1", "t1", 0))
    assert stores.tenants.get("t1") == tenant
    assert stores.users.get("user-t1") == user
    assert stores.locks.read("license#L1").owner == "t1"


def test_a_taken_login_name_stores_nothing(stores):
    stores.users.create(a_user("user-t1"))
    with pytest.raises(Conflict):
        stores.tenants.create_with_user(a_tenant(), a_user("user-t1"), Claim("license#L1", "t1", 0))
    assert stores.tenants.get("t1") is None
    assert stores.locks.read("license#L1") is None


def test_a_licence_held_by_another_tenant_stores_nothing_but_a_stale_holder_may_be_replaced(stores):
    assert stores.locks.claim("license#L1", "t0", 0, None)
    with pytest.raises(ClaimLost):
        stores.tenants.create_with_user(a_tenant(), a_user("user-t1"), Claim("license#L1", "t1", 0))
    assert stores.tenants.get("t1") is None and stores.users.get("user-t1") is None
    stores.tenants.create_with_user(a_tenant(), a_user("user-t1"), Claim("license#L1", "t1", 0, replacing="t0"))
    assert stores.locks.read("license#L1").owner == "t1"


def test_tenants_are_listed_newest_first_by_status_licence_and_id(stores):
    for n, status in enumerate(["pending", "approved", "pending"]):
        tenant = a_tenant(f"t{n}", f"2026-01-0{n + 1}T00:00:00.000+00:00", status=status, license_no="L")
        stores.tenants.create_with_user(tenant, a_user(f"user-t{n}", tenant_id=f"t{n}"))
    assert [t.tenant_id for t in stores.tenants.list_tenants("pending")] == ["t2", "t0"]
    assert [t.tenant_id for t in stores.tenants.list_tenants(None)] == ["t2", "t1", "t0"]
    assert sorted(t.tenant_id for t in stores.tenants.with_license("L")) == ["t0", "t1", "t2"]
    assert sorted(t.tenant_id for t in stores.tenants.get_many(["t1", "t2", "gone", None])) == ["t1", "t2"]


def test_a_saved_pending_change_is_listed_until_it_is_cleared_once(stores):
    stores.tenants.create_with_user(a_tenant(), a_user("user-t1"))
    tenant = stores.tenants.get("t1")
    assert stores.tenants.update_as_read(tenant, tenant.updated_at, pending_changes={"company_name": "新名字"})
    assert [t.pending_changes for t in stores.tenants.list_with_pending_changes()] == [{"company_name": "新名字"}]
    assert stores.tenants.count_pending_changes() == 1
    assert stores.tenants.clear_pending_changes("t1") is True
    assert stores.tenants.clear_pending_changes("t1") is False
    assert stores.tenants.count_pending_changes() == 0
    stored = stores.tenants.get("t1")
    assert (stored.pending_changes, stored.change_pending) == (None, None)


def test_a_save_without_changes_leaves_the_review_list(stores):
    stores.tenants.create_with_user(a_tenant(), a_user("user-t1"))
    tenant = stores.tenants.get("t1")
    assert stores.tenants.update_as_read(tenant, tenant.updated_at, pending_changes={"license_no": "L2"})
    assert stores.tenants.update_as_read(tenant, tenant.updated_at, pending_changes=None)
    assert stores.tenants.list_with_pending_changes() == []


def test_of_two_writes_from_the_same_reading_one_wins_and_the_other_reads_again(stores):
    stores.tenants.create_with_user(a_tenant(), a_user("user-t1"))
    staff, owner = stores.tenants.get("t1"), stores.tenants.get("t1")
    assert stores.tenants.update_as_read(owner, owner.updated_at, contact_name="王店长",
                                         region={"province": "广东省", "code": "440100"}, pending_changes=None)
    assert owner.updated_at != staff.updated_at and owner.contact_name == "王店长"
    assert stores.tenants.update_as_read(staff, staff.updated_at, company_name="旧名字") is False
    assert staff == owner == stores.tenants.get("t1")  # read again: the owner's write
    stores.tenants.set_fields(staff, call_notes="回电")  # a field write of its own does not count as a change
    assert stores.tenants.update_as_read(owner, owner.updated_at, company_name="新名字") is True
    assert (owner.company_name, owner.call_notes, owner.region["code"]) == ("新名字", "回电", "440100")


def test_a_withdrawal_counts_as_a_change_to_a_write_read_before_it(stores):
    stores.tenants.create_with_user(a_tenant(pending_changes={"company_name": "新名字"}, change_pending="yes"),
                                    a_user("user-t1"))
    staff = stores.tenants.get("t1")
    assert stores.tenants.clear_pending_changes("t1") is True
    assert stores.tenants.update_as_read(staff, staff.updated_at, pending_changes=None, company_name="新名字") is False
    assert stores.tenants.get("t1").company_name == "测试大药房"


def test_set_status_moves_only_from_the_status_the_record_was_read_with(stores):
    stores.tenants.create_with_user(a_tenant(), a_user("user-t1"))
    first, second = stores.tenants.get("t1"), stores.tenants.get("t1")
    assert stores.tenants.set_status(first, "approved", reviewed_by="boss", reject_reason=None) is True
    assert (first.status, first.reviewed_by) == ("approved", "boss")
    assert stores.tenants.set_status(second, "rejected", reject_reason="资料不全") is False
    assert second.status == "approved"  # read again
    assert stores.tenants.get("t1").reject_reason is None


def test_set_fields_with_none_removes_the_field(stores):
    stores.tenants.create_with_user(a_tenant(paid_until="2026-12-31", fee_plan="pro"), a_user("user-t1"))
    tenant = stores.tenants.get("t1")
    stores.tenants.set_fields(tenant, paid_until=None, call_notes="回电")
    stored = stores.tenants.get("t1")
    assert (stored.paid_until, stored.fee_plan, stored.call_notes) == (None, "pro", "回电")
    assert stored == tenant


# Challenges

def a_challenge(**values) -> Challenge:
    fields = {"challenge_id": "c1", "username": "pharmacy1", "purpose": "login", "secret": "JBSWY3DPEHPK3PXP",
              "sent_at": 1000, "expires_at": 1300, "ttl": datetime(2026, 1, 2, tzinfo=timezone.utc)}
    return Challenge(**{**fields, **values})


def test_a_challenge_reads_back_the_same(stores):
    stores.challenges.create(a_challenge(decoy=True))
    assert stores.challenges.get("c1") == a_challenge(decoy=True)
    assert stores.challenges.get("c2") is None


def test_attempts_are_counted_up_to_the_limit_and_then_refused(stores):
    stores.challenges.create(a_challenge())
    challenge = stores.challenges.get("c1")
    assert [stores.challenges.take_attempt(challenge, 3) for _ in range(4)] == [1, 2, 3, None]
    assert stores.challenges.get("c1").attempts == 3


def test_a_challenge_is_marked_used_once(stores):
    stores.challenges.create(a_challenge())
    first, second = stores.challenges.get("c1"), stores.challenges.get("c1")
    assert stores.challenges.mark_used(first) is True
    assert stores.challenges.mark_used(second) is False
    assert stores.challenges.get("c1").used is True


def test_a_resend_waits_its_interval_and_keeps_the_attempts(stores):
    stores.challenges.create(a_challenge(attempts=2))
    challenge, early = stores.challenges.get("c1"), stores.challenges.get("c1")
    assert stores.challenges.resend(challenge, 1030, 1330, 60) is False
    assert stores.challenges.resend(challenge, 1060, 1360, 60) is True
    assert (challenge.counter, challenge.sent_at, challenge.expires_at, challenge.attempts) == (1, 1060, 1360, 2)
    assert stores.challenges.resend(early, 1070, 1370, 60) is False
    assert early.sent_at == 1060  # read again: the caller can tell how long to wait


def test_a_used_challenge_is_not_resent(stores):
    stores.challenges.create(a_challenge())
    challenge = stores.challenges.get("c1")
    stores.challenges.mark_used(challenge)
    assert stores.challenges.resend(challenge, 5000, 5300, 60) is False
    assert challenge.used is True


# API keys

def a_key(key_hash: str = "h1", created_at: str = "2026-01-01T00:00:00+00:00", **values) -> ApiKey:
    fields = {"key_id": f"id-{key_hash}", "tenant_id": "t1", "name": "ERP", "prefix": "jzyx_abcd", "created_by": "boss"}
    return ApiKey(key_hash=key_hash, created_at=created_at, **{**fields, **values})


def test_keys_are_found_by_hash_and_listed_newest_first(stores):
    stores.keys.save(a_key("h1", "2026-01-01T00:00:00+00:00"))
    stores.keys.save(a_key("h2", "2026-01-02T00:00:00+00:00"))
    stores.keys.save(a_key("h3", "2026-01-03T00:00:00+00:00", tenant_id="t2"))
    assert stores.keys.by_hash("h1") == a_key("h1")
    assert stores.keys.by_hash("nope") is None
    assert [k.key_hash for k in stores.keys.of_tenant("t1")] == ["h2", "h1"]
    with pytest.raises(Exception):  # noqa: B017 (the store's PutError, the fake's KeyExists)
        stores.keys.save(a_key("h1", name="again"))


def test_a_key_is_revoked_once_and_a_revoked_key_records_no_use(stores):
    stores.keys.save(a_key())
    key, stale = stores.keys.by_hash("h1"), stores.keys.by_hash("h1")
    stores.keys.note_use(key, "2026-01-05T00:00:00+00:00")
    assert key.last_used_at == "2026-01-05T00:00:00+00:00"
    assert stores.keys.revoke(key, "2026-01-06T00:00:00+00:00") is True
    assert stores.keys.revoke(stale, "2026-01-07T00:00:00+00:00") is False
    assert stale.revoked_at == "2026-01-06T00:00:00+00:00"  # read again
    stores.keys.note_use(stale, "2026-01-08T00:00:00+00:00")
    assert stores.keys.by_hash("h1").last_used_at == "2026-01-05T00:00:00+00:00"


# Guards

def test_a_counter_counts_up_to_its_limit_and_a_lock_holds_until_its_time(stores):
    assert [stores.locks.count_up("login#a", 2, at=100) for _ in range(3)] == [1, 2, None]
    stores.locks.count_down("login#a")
    assert stores.locks.read("login#a").tally == 1
    stores.locks.lock("login#a", until=200, keep_seconds=60)
    assert stores.locks.count_up("login#a", 5, at=199) is None
    assert stores.locks.count_up("login#a", 5, at=200) == 1
    stores.locks.clear("login#a")
    assert stores.locks.read("login#a") is None


def test_a_count_down_never_goes_below_zero_and_a_started_count_is_not_restarted(stores):
    stores.locks.start_count("keys#t1", 2)
    stores.locks.start_count("keys#t1", 0)
    assert stores.locks.read("keys#t1").tally == 2
    for _ in range(3):
        stores.locks.count_down("keys#t1")
    assert stores.locks.read("keys#t1").tally == 0


def test_a_slot_is_taken_once_per_interval(stores):
    assert stores.locks.take_slot("sms#a", 1000, 60) == 0
    assert stores.locks.take_slot("sms#a", 1020, 60) == 40
    assert stores.locks.take_slot("sms#a", 1060, 60) == 0
