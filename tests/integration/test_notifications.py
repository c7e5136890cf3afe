"""消息 and notice SMS: review decisions, waiting work for staff, the daily reminders, reading and isolation."""
from datetime import datetime, timezone

import pytest

from chalicelib.adapters import notification_store
from chalicelib.domain.schemas import StaffRequest
from chalicelib.services import notifications, platform_settings, reminders
from chalicelib.services.staff import create_staff
from tests.integration.conftest import sent_sms
from tests.integration.helpers import admin_token, approved_tenant, log_in, registration
from tests.integration.parallel import all_at_once, atomic_dynamodb  # noqa: F401  (a fixture)
from tests.integration.plan_helpers import plan_form

DUE = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)  # 08:00 China time, 2026-12-01


def texts_to(mobile: str) -> list[str]:
    return [text for number, text in sent_sms() if number == f"+86{mobile}"]


def inbox(api, token, query=""):
    answer = api.get(f"/api/notifications{query}", token=token)
    assert answer.status_code == 200, answer.data
    return answer.data


def staff(api, role: str, seed: int) -> tuple[str, str]:
    """(username, token) of a new staff member."""
    mobile, name = f"1370000{seed:04d}", f"{role}{seed}"
    create_staff(StaffRequest(username=name, display_name="员工", mobile=mobile, role=role, password="Staff12345"),
                 "admin")
    return name, log_in(api, name, "Staff12345", mobile)


def test_an_approved_tenant_gets_an_sms_and_an_unread_message_it_can_read(api):
    # Given a tenant approved by staff
    tenant_id, token = approved_tenant(api, 1)
    # Then its contact mobile got the notice, and its portal shows one unread message
    assert any(t.startswith("【精准营销云】") and "已通过审核" in t for t in texts_to("13900000001"))
    answer = inbox(api, token)
    assert answer["unread"] == 1 and answer["total"] == 1
    message = answer["items"][0]
    assert message["kind"] == "registration_approved" and message["read"] is False and message["link"] == "/"
    # When it marks the message read, the count drops and the message stays listed as read
    assert api.post("/api/notifications/read", {"ids": [message["id"]]}, token=token).data == {"unread": 0}
    assert inbox(api, token)["items"][0]["read"] is True
    assert inbox(api, token, "?unread=1")["items"] == []


def test_a_rejected_registration_is_texted_with_the_reason_and_kept_as_a_message(api):
    form = registration(2)
    tenant_id = api.post("/api/auth/register", form).data["tenant_id"]
    answer = api.post(f"/api/admin/tenants/{tenant_id}/reject", {"reason": "营业执照不清晰"}, token=admin_token(api))
    assert answer.status_code == 200
    assert any("未通过审核" in t and "营业执照不清晰" in t for t in texts_to(form["contact_phone"]))
    stored = notifications.inbox(form["username"])
    assert [m["kind"] for m in stored["items"]] == ["registration_rejected"] and stored["unread"] == 1


def test_a_notice_sms_carries_no_link_or_signature_that_someone_typed(api):
    form = registration(3, company_name="【平台通知】测试药房")
    tenant_id = api.post("/api/auth/register", form).data["tenant_id"]
    api.post(f"/api/admin/tenants/{tenant_id}/reject", {"reason": "请访问 www.x.cn 重新提交"}, token=admin_token(api))
    [text] = [t for t in texts_to(form["contact_phone"]) if "未通过审核" in t]
    assert text.count("【") == 1 and text.startswith("【") and "www." not in text and "平台通知测试药房" in text


def test_a_decided_profile_change_is_told_to_the_tenant(api):
    tenant_id, token = approved_tenant(api, 3)
    profile = api.get("/api/me", token=token).data["tenant"]
    change = {k: profile[k] for k in ("company_name", "contact_name", "contact_phone", "region", "industry",
                                      "license_no")}
    assert api.put("/api/me/profile", {**change, "company_name": "新名字大药房"}, token=token).status_code == 200
    admin = admin_token(api)
    assert api.post(f"/api/admin/tenants/{tenant_id}/changes/reject", {"reason": "名称与执照不符"},
                    token=admin).status_code == 200
    latest = inbox(api, token)["items"][0]
    assert latest["kind"] == "profile_change_rejected" and "名称与执照不符" in latest["body"]
    assert latest["link"] == "/profile"
    # staff were told the change was waiting, with a link to the tenant
    staff_kinds = {m["kind"]: m["link"] for m in inbox(api, admin)["items"]}
    assert staff_kinds["profile_change_waiting"] == f"/tenants/{tenant_id}"


def test_waiting_work_goes_to_the_staff_whose_role_does_it(api):
    admin = admin_token(api)
    _, service = staff(api, "customer_service", 11)
    _, reviewer = staff(api, "plan_reviewer", 12)
    # When a tenant registers, tenant reviewers (admin, 客服) are told; the plan reviewer is not
    tenant_id, owner = approved_tenant(api, 4)
    for token in (admin, service):
        assert [m["link"] for m in inbox(api, token)["items"] if m["kind"] == "new_registration"] == [
            f"/tenants/{tenant_id}"]
    assert inbox(api, reviewer)["items"] == []
    # When it submits a plan, plan reviewers (admin, 方案审核员) are told; 客服 is not
    plan_id = api.post("/api/plans", plan_form(), token=owner).data["plan_id"]
    assert [m["link"] for m in inbox(api, reviewer)["items"]] == [f"/plan-review/{plan_id}"]
    assert "plan_waiting" in {m["kind"] for m in inbox(api, admin)["items"]}
    assert "plan_waiting" not in {m["kind"] for m in inbox(api, service)["items"]}


def test_a_staff_message_about_work_someone_did_no_longer_counts_as_unread(api):
    admin = admin_token(api)
    _, service = staff(api, "customer_service", 13)
    tenant_id, owner = approved_tenant(api, 7)  # registered, then approved by the admin
    registered = [m for m in inbox(api, service)["items"] if m["link"] == f"/tenants/{tenant_id}"]
    assert [(m["kind"], m["read"]) for m in registered] == [("new_registration", True)]
    form = {**{k: registration(7)[k] for k in ("contact_name", "contact_phone", "license_no", "region", "industry")},
            "company_name": "改名大药房"}
    assert api.put("/api/me/profile", form, token=owner).status_code == 200
    assert "profile_change_waiting" in {m["kind"] for m in inbox(api, service, "?unread=true")["items"]}
    assert api.post("/api/me/profile/withdraw", token=owner).status_code == 200
    assert inbox(api, service, "?unread=true")["items"] == [] and inbox(api, service)["unread"] == 0
    plan_id = api.post("/api/plans", plan_form(), token=owner).data["plan_id"]
    assert api.post(f"/api/admin/plans/{plan_id}/approve", token=admin).status_code == 200
    assert [m for m in inbox(api, admin, "?unread=true")["items"] if m["link"] == f"/plan-review/{plan_id}"] == []
    withdrawn = api.post("/api/plans", plan_form(name="另一个方案"), token=owner).data["plan_id"]
    assert api.post(f"/api/plans/{withdrawn}/withdraw", token=owner).status_code == 200
    assert [m for m in inbox(api, admin, "?unread=true")["items"] if m["link"] == f"/plan-review/{withdrawn}"] == []


def test_each_login_sees_and_marks_only_its_own_messages(api):
    _, first = approved_tenant(api, 5)
    _, second = approved_tenant(api, 6)
    mine = inbox(api, first)["items"][0]["id"]
    theirs = inbox(api, second)["items"][0]["id"]
    assert mine != theirs
    # marking another login's message id changes nothing of theirs
    assert api.post("/api/notifications/read", {"ids": [theirs]}, token=first).data == {"unread": 1}
    for wrong in ({"all": "yes"}, {"all": 1}, {}, {"all": False}, {"ids": [1, 2]},
                  {"all": True, "ids": [mine]}):  # outside {ids} | {all: true}
        assert api.post("/api/notifications/read", wrong, token=first).status_code == 400, wrong
    assert inbox(api, first)["unread"] == 1
    assert inbox(api, second)["unread"] == 1 and inbox(api, second)["items"][0]["read"] is False
    assert api.post("/api/notifications/read", {"all": True}, token=first).data == {"unread": 0}
    assert inbox(api, second)["unread"] == 1
    assert api.get("/api/notifications").status_code == 401


def test_paging_lists_newest_first_and_mark_all_clears_the_count(api):
    tenant_id, token = approved_tenant(api, 7)
    for n in range(5):
        notifications.notify_tenant(tenant_id, "test", f"消息{n}", "内容")
    first = inbox(api, token, "?page=1&size=2")
    assert first["total"] == 6 and first["unread"] == 6 and [m["title"] for m in first["items"]] == ["消息4", "消息3"]
    assert [m["title"] for m in inbox(api, token, "?page=3&size=2")["items"]] == ["消息0", "企业注册已通过审核"]
    bell = inbox(api, token, "?latest=1&size=5")  # the bell's poll: the newest few and the count, no total
    assert bell["unread"] == 6 and "total" not in bell and bell["items"] == inbox(api, token, "?size=5")["items"]
    assert api.post("/api/notifications/read", {"all": True}, token=token).data == {"unread": 0}
    assert inbox(api, token, "?unread=1")["total"] == 0


def test_mark_all_also_takes_off_what_expired_unread(api):
    tenant_id, token = approved_tenant(api, 8)
    username = registration(8)["username"]
    notifications.notify_tenant(tenant_id, "test", "将过期", "内容")
    # Given DynamoDB's TTL removed an unread message (the counter still counts it)
    oldest = list(notification_store._query(username, True))[-1]
    oldest.delete()
    assert inbox(api, token)["unread"] == 2
    assert api.post("/api/notifications/read", {"all": True}, token=token).data == {"unread": 0}


def test_parallel_notices_with_the_same_once_create_one_message_and_one_sms(api, atomic_dynamodb):
    tenant_id, token = approved_tenant(api, 9)
    before = len(texts_to("13900000009"))
    answers = all_at_once(*[lambda: notifications.notify_tenant(
        tenant_id, "expiry_5", "服务即将到期", "还有 5 天", sms=True, once="2026-12-01")] * 6)
    assert answers.count(True) == 1 and answers.count(False) == 5
    assert len(texts_to("13900000009")) == before + 1
    assert [m["kind"] for m in inbox(api, token)["items"]].count("expiry_5") == 1
    assert inbox(api, token)["unread"] == 2


def test_an_sms_failure_keeps_the_message_and_never_fails_the_caller(api, monkeypatch):
    tenant_id, token = approved_tenant(api, 10)

    def broken(*_args):
        raise RuntimeError("gateway down")

    monkeypatch.setattr(notifications.sms, "send_notice", broken)
    assert notifications.notify_tenant(tenant_id, "expiry_15", "服务即将到期", "还有 15 天", sms=True) is True
    assert inbox(api, token)["items"][0]["kind"] == "expiry_15"


@pytest.fixture
def expiring(api, monkeypatch):
    """A tenant whose fee state says 15 days left, and two staff digest mobiles."""
    tenant_id, token = approved_tenant(api, 13)
    states = [{"tenant_id": tenant_id, "company_name": "测试大药房13号店", "contact_phone": "13900000013",
               "state": "expiring", "days_left": 15, "paid_until": "2026-12-16", "grace_ends": "2026-12-23"}]
    monkeypatch.setattr(reminders.billing_status, "refresh_all", lambda today=None: states)
    digest = {**platform_settings.settings(), "staff_digest_mobiles": ["13600000001", "13600000002"]}
    monkeypatch.setattr(reminders.platform_settings, "settings", lambda: digest)
    return tenant_id, token


def test_the_daily_run_twice_the_same_day_sends_each_reminder_and_digest_once(api, expiring):
    _, token = expiring
    api.post("/api/auth/register", registration(14))  # a registration waits for review
    from chalicelib.events.daily import run_daily

    run_daily(DUE)
    run_daily(DUE.replace(hour=5))  # the same China day
    reminders_sent = [t for t in texts_to("13900000013") if "还有 15 天" in t]
    assert len(reminders_sent) == 1 and "2026-12-16" in reminders_sent[0]
    assert [m["kind"] for m in inbox(api, token)["items"]].count("expiry_15") == 1
    for mobile in ("13600000001", "13600000002"):
        digest = texts_to(mobile)
        assert len(digest) == 1 and "注册待审核 1 家" in digest[0]


def test_the_next_day_brings_a_new_digest(api, expiring):
    api.post("/api/auth/register", registration(15))
    assert reminders.run(DUE)["digest"] == 2
    assert reminders.run(datetime(2026, 12, 2, 0, 0, tzinfo=timezone.utc))["digest"] == 2


def test_a_tenant_entering_grace_is_told_once_and_a_stopped_one_gets_a_message_without_sms(api, monkeypatch):
    tenant_id, token = approved_tenant(api, 16)
    state = {"tenant_id": tenant_id, "state": "grace", "days_left": None, "paid_until": "2026-11-30",
             "grace_ends": "2026-12-07"}
    monkeypatch.setattr(reminders.billing_status, "refresh_all", lambda today=None: [state])
    assert reminders.run(DUE)["notices"] == 1
    assert reminders.run(DUE)["notices"] == 0
    assert any("宽限期至 2026-12-07" in t for t in texts_to("13900000016"))
    before = len(texts_to("13900000016"))
    state.update(state="stopped")
    assert reminders.run(DUE)["notices"] == 1
    assert len(texts_to("13900000016")) == before
    assert inbox(api, token)["items"][0]["kind"] == "service_stopped"


def test_a_tenant_put_into_grace_by_staff_is_told_by_the_next_daily_run(api):
    tenant_id, token = approved_tenant(api, 18)
    moved = api.put(f"/api/admin/tenants/{tenant_id}/fee-plan", {"fee_plan": "trial", "trial_ends": "2026-11-29"},
                    token=admin_token(api))
    assert moved.status_code == 200, moved.data  # the trial end moved back: the tenant is stored in grace at once
    assert reminders.run(DUE)["notices"] == 1
    assert reminders.run(DUE)["notices"] == 0
    assert any("宽限期至" in t for t in texts_to("13900000018"))
    assert inbox(api, token)["items"][0]["kind"] == "grace_started"


def test_deleting_a_tenant_removes_its_messages_and_markers(api):
    tenant_id, token = approved_tenant(api, 17)
    username = registration(17)["username"]
    notifications.notify_tenant(tenant_id, "expiry_5", "t", "b", once="2026-12-01")
    assert notification_store.delete_for_tenant(tenant_id, [username]) == 4  # 2 messages, the counter, a marker
    assert inbox(api, token) == {"items": [], "total": 0, "page": 1, "size": 20, "unread": 0}
    assert notifications.notify_tenant(tenant_id, "expiry_5", "t", "b", once="2026-12-01") is True


def test_a_yes_no_filter_takes_1_0_true_false_only(api):
    admin = admin_token(api)
    assert api.get("/api/notifications?unread=bogus", token=admin).status_code == 400
    assert api.get("/api/notifications?unread=true&latest=0", token=admin).status_code == 200
    assert api.get("/api/admin/tenants?pending_change=maybe", token=admin).status_code == 400
    assert api.get("/api/admin/plans?author=bogus", token=admin).status_code == 400
    assert api.get("/api/admin/plans?author=tenant", token=admin).status_code == 200
