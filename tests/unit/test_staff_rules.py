"""Platform staff accounts on the in-memory user store: nobody disables itself, only an active 超级管理员
disables others, and a disable ends the member's sessions for good."""
import pytest

from chalicelib.adapters.user_store import User
from chalicelib.domain.roles import ADMIN, CUSTOMER_SERVICE
from chalicelib.domain.schemas import StaffRequest
from chalicelib.errors import Conflict, Forbidden, NotFound
from chalicelib.services import staff
from tests.fakes.audit import FakeAudit
from tests.fakes.users import FakeUsers


def member(username: str, role: str, created_at: str, **values) -> User:
    return User(username=username, user_id=f"id-{username}", account_type="staff", role=role,
                display_name=username, mobile="13800000001", password_hash="hash", created_at=created_at, **values)


@pytest.fixture
def users():
    return FakeUsers(member("admin", ADMIN, "2026-01-01T00:00:00+00:00"),
                     member("agent", CUSTOMER_SERVICE, "2026-01-02T00:00:00+00:00"),
                     member("boss2", ADMIN, "2026-01-03T00:00:00+00:00"))


def test_an_admin_disables_a_member_whose_sessions_end_and_stay_ended(users):
    audit = FakeAudit()
    assert staff.set_enabled("agent", False, "admin", users=users, audit=audit)["status"] == "disabled"
    assert staff.set_enabled("agent", True, "admin", users=users, audit=audit)["status"] == "active"
    assert users.get("agent").token_version == 1
    assert [(entry["action"], entry["changes"][0]["after"]) for entry in audit.entries] == [
        ("停用员工", "停用"), ("启用员工", "启用")]


def test_nobody_disables_its_own_account(users):
    with pytest.raises(Conflict):
        staff.set_enabled("admin", False, "admin", users=users, audit=FakeAudit())


def test_a_member_who_is_not_an_active_admin_disables_nobody(users):
    with pytest.raises(Forbidden):
        staff.set_enabled("boss2", False, "agent", users=users, audit=FakeAudit())
    staff.set_enabled("boss2", False, "admin", users=users, audit=FakeAudit())
    with pytest.raises(Forbidden):  # a disabled admin's request arriving late
        staff.set_enabled("admin", False, "boss2", users=users, audit=FakeAudit())
    assert users.get("admin").status == "active"


def test_a_tenant_login_is_not_a_staff_member(users):
    users.create(User(username="pharmacy1", user_id="x", account_type="tenant", role="tenant_user", tenant_id="t1",
                      display_name="李经理", mobile="13900000001", password_hash="hash", created_at="2026-01-01"))
    with pytest.raises(NotFound):
        staff.set_enabled("pharmacy1", False, "admin", users=users, audit=FakeAudit())


def test_new_staff_are_listed_oldest_first(users):
    request = StaffRequest(username="agent2", display_name="客服二", mobile="13800000002", role=CUSTOMER_SERVICE,
                           password="Staff2026x")
    audit = FakeAudit()
    staff.create_staff(request, "admin", users=users, audit=audit)
    assert [item["username"] for item in staff.list_staff(users=users)["items"]] == ["admin", "agent", "boss2", "agent2"]
    assert [(e["action"], e["detail"]) for e in audit.entries] == [("新增员工", "客服二（登录名 agent2，客服）")]
