"""Staff review on the in-memory stores: a tenant moves only along its lifecycle and only from the status it was
read in; a held profile change is applied or dropped, and an applied new mobile reaches the admin's login."""
import pytest

from chalicelib.adapters.tenant_store import Tenant
from chalicelib.adapters.user_store import User
from chalicelib.errors import Conflict, ValidationFailed
from chalicelib.services import review
from tests.fakes.tenants import FakeTenants
from tests.fakes.users import FakeUsers


class Recorder:
    """The audit log and the tenant notices: what was written, in order."""

    def __init__(self):
        self.calls: list[tuple] = []

    def record_tenant(self, tenant_id, actor, action, detail="", changes=None) -> None:
        self.calls.append(("audit", action, detail))

    def registration_decided(self, tenant_id, company, approved, reason="") -> None:
        self.calls.append(("notice", approved, reason))

    def profile_change_decided(self, tenant_id, approved, reason="") -> None:
        self.calls.append(("notice", approved, reason))


def a_tenant(status: str, **values) -> Tenant:
    # trial_ends set: an approval keeps the trial it has and reads no platform settings
    fields = {"company_name": "测试大药房", "contact_name": "李经理", "contact_phone": "13900000001",
              "license_no": "L1", "region": {}, "industry": "医药", "username": "pharmacy1", "status": status,
              "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00",
              "trial_ends": "2026-02-01"}
    return Tenant(tenant_id="t1", **{**fields, **values})


@pytest.fixture
def world():
    users = FakeUsers(User(username="pharmacy1", user_id="u1", account_type="tenant", role="tenant_user",
                           tenant_id="t1", display_name="李经理", mobile="13900000001", password_hash="hash",
                           created_at="2026-01-01T00:00:00+00:00"),
                      User(username="boss", user_id="u2", account_type="staff", role="admin", display_name="王审核",
                           mobile="13800000001", password_hash="hash", created_at="2026-01-01T00:00:00+00:00"))
    return FakeTenants(a_tenant("pending"), users=users), users, Recorder()


def act(world, action: str, reason: str = "", tenants=None) -> dict:
    stored, users, recorder = world
    return review.apply_action("t1", action, "boss", reason, tenants=tenants or stored, users=users, audit=recorder,
                               notices=recorder)


def decide(world, approve: bool, reason: str = "") -> dict:
    tenants, users, recorder = world
    return review.decide_changes("t1", approve, "boss", reason, tenants=tenants, users=users, audit=recorder,
                                 notices=recorder)


def test_an_approval_is_stored_audited_and_told_to_the_tenant(world):
    view = act(world, "approve")
    assert (view["status"], view["reviewed_by"], view["reviewed_by_name"]) == ("approved", "boss", "王审核")
    assert world[0].get("t1").status == "approved"
    assert world[2].calls == [("audit", "审核通过", ""), ("notice", True, "")]


def test_a_rejection_needs_a_reason_and_keeps_it(world):
    with pytest.raises(ValidationFailed):
        act(world, "reject")
    act(world, "reject", "执照模糊")
    assert (world[0].get("t1").status, world[0].get("t1").reject_reason) == ("rejected", "执照模糊")


def test_an_action_that_does_not_apply_to_the_status_is_refused(world):
    with pytest.raises(Conflict) as refused:
        act(world, "enable")
    assert refused.value.code == "INVALID_TRANSITION"
    assert world[2].calls == []


class Racing(FakeTenants):
    """Another reviewer disables the tenant between this request's read and its write."""

    def set_status(self, tenant, status, **values):
        self.items[tenant.tenant_id].status = "disabled"
        return super().set_status(tenant, status, **values)


def test_a_move_another_reviewer_made_first_is_refused_and_nothing_is_told(world):
    act(world, "approve")
    racing = Racing(world[0].get("t1"), users=world[1])
    world[2].calls.clear()
    with pytest.raises(Conflict) as refused:
        act(world, "disable", tenants=racing)
    assert refused.value.code == "INVALID_TRANSITION" and world[2].calls == []


def held_change(world, **changes) -> None:
    tenant = world[0].get("t1")
    assert world[0].update_as_read(tenant, tenant.updated_at, pending_changes=changes)


def test_an_approved_change_applies_and_the_new_mobile_receives_the_login_codes(world):
    held_change(world, company_name="新名字大药房", contact_phone="13900000009")
    view = decide(world, True)
    assert (view["company_name"], view["contact_phone"], view["pending_changes"]) == ("新名字大药房", "13900000009", {})
    assert world[1].get("pharmacy1").mobile == "13900000009"
    assert world[0].list_with_pending_changes() == []


def test_a_refused_change_leaves_the_company_as_it_was(world):
    held_change(world, company_name="新名字大药房")
    view = decide(world, False, "与执照不符")
    assert (view["company_name"], view["pending_changes"]) == ("测试大药房", {})
    assert world[2].calls[-1] == ("notice", False, "与执照不符")


def test_deciding_without_a_held_change_is_refused(world):
    with pytest.raises(Conflict):
        decide(world, True)


class Withdrawing(FakeTenants):
    """The tenant withdraws its change between this decision's read and its write."""

    def update_as_read(self, tenant, read_at, **values):
        self.clear_pending_changes(tenant.tenant_id)
        return super().update_as_read(tenant, read_at, **values)


def test_a_change_withdrawn_while_staff_decided_is_not_applied_and_nothing_is_told(world):
    held_change(world, company_name="新名字大药房", contact_phone="13900000009")
    tenants, users, recorder = world
    withdrawing = Withdrawing(tenants.get("t1"), users=users)
    recorder.calls.clear()
    with pytest.raises(Conflict) as refused:
        decide((withdrawing, users, recorder), True)
    assert refused.value.code == "TENANT_CHANGED" and recorder.calls == []
    stored = withdrawing.get("t1")
    assert (stored.company_name, stored.pending_changes) == ("测试大药房", None)
    assert users.get("pharmacy1").mobile == "13900000001"
