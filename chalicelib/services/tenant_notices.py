"""The notices that review and submission steps send: to the tenant when staff decide, to staff when work waits.

Each is called after the action it reports has been stored, and never fails that action (a failure is logged).
"""
from chalicelib.domain.roles import PLAN_REVIEW, TENANT_REVIEW
from chalicelib.services.notifications import notify_staff, notify_tenant, safely, staff_work_done


def registration_decided(tenant_id: str, company: str, approved: bool, reason: str = "") -> None:
    safely(staff_work_done, ("new_registration",), f"/tenants/{tenant_id}")
    if approved:
        safely(notify_tenant, tenant_id, "registration_approved", "企业注册已通过审核",
               f"您的企业注册（{company}）已通过审核，现在可以登录精准营销云使用。", sms=True, link="/")
    else:
        safely(notify_tenant, tenant_id, "registration_rejected", "企业注册未通过审核",
               f"您的企业注册（{company}）未通过审核，原因：{reason}。请修改后重新注册或联系平台。", sms=True)


def profile_change_decided(tenant_id: str, approved: bool, reason: str = "") -> None:
    profile_change_gone(tenant_id)
    if approved:
        safely(notify_tenant, tenant_id, "profile_change_approved", "资料变更已通过审核",
               "您提交的企业资料变更已通过审核并生效。", sms=True, link="/profile")
    else:
        because = f"，原因：{reason}" if reason else ""
        safely(notify_tenant, tenant_id, "profile_change_rejected", "资料变更未通过审核",
               f"您提交的企业资料变更未通过审核{because}。如有疑问请联系平台。", sms=True, link="/profile")


def new_registration(tenant_id: str, company: str) -> None:
    safely(notify_staff, "new_registration", "新的企业注册待审核", f"{company} 提交了注册申请，请电话核实后审核。",
           roles=TENANT_REVIEW, link=f"/tenants/{tenant_id}")


def profile_change_waiting(tenant_id: str, company: str, fields: str) -> None:
    safely(notify_staff, "profile_change_waiting", "企业资料变更待审核", f"{company} 修改了{fields}，请审核。",
           roles=TENANT_REVIEW, link=f"/tenants/{tenant_id}")


def profile_change_gone(tenant_id: str) -> None:
    """Decided or withdrawn: the staff's messages saying it waits no longer count as unread."""
    safely(staff_work_done, ("profile_change_waiting",), f"/tenants/{tenant_id}")


def plan_no_longer_waiting(plan_id: str) -> None:
    """Approved, rejected or withdrawn by its author."""
    safely(staff_work_done, ("plan_waiting",), f"/plan-review/{plan_id}")


def plan_waiting(plan_id: str, plan_name: str, company: str) -> None:
    safely(notify_staff, "plan_waiting", "营销方案待审核", f"{company} 提交了方案《{plan_name}》，请审核。",
           roles=PLAN_REVIEW, link=f"/plan-review/{plan_id}")
