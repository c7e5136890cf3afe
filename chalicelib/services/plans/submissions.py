"""A tenant's own plans: upload the attachment, submit, edit and resubmit, withdraw."""
import uuid

from chalicelib.adapters import audit_log, plan_store, tenant_store
from chalicelib.clock import now_iso
from chalicelib.domain.plans import status
from chalicelib.domain.plans.schemas import AttachmentUploadRequest, PlanRequest
from chalicelib.errors import Conflict, NotFound
from chalicelib.services import tenant_notices
from chalicelib.services.plans import attachments, drafts, views


def attachment_upload(tenant_id: str, request: AttachmentUploadRequest) -> dict:
    return attachments.upload(tenant_id, request)


def submit(tenant_id: str, username: str, request: PlanRequest) -> dict:
    """Store the plan as pending review."""
    plan_id = uuid.uuid4().hex
    tenant = tenant_store.get(tenant_id)
    now = now_iso()
    plan_store.create({
        "plan_id": plan_id, "status": status.PENDING, "author_kind": views.TENANT, "author_tenant_id": tenant_id,
        "author_name": tenant.company_name if tenant else "", "created_by": username, "created_at": now,
        "updated_at": now, **drafts.plan_fields(request, tenant_id, plan_id)})
    audit_log.record(f"plan#{plan_id}", username, "提交方案", request.name, tenant_id=tenant_id)
    tenant_notices.plan_waiting(plan_id, request.name, tenant.company_name if tenant else "")
    return {"plan_id": plan_id, "status": status.PENDING}


def resubmit(tenant_id: str, username: str, plan_id: str, request: PlanRequest) -> dict:
    plan = _own(tenant_id, plan_id)
    status.next_status(plan["status"], "resubmit")
    fields = drafts.plan_fields(request, tenant_id, plan_id, current=plan)
    changed = plan_store.update(plan_id, {**fields, "status": status.PENDING, "reject_reason": None,
                                          "updated_at": now_iso()}, status.sources_of("resubmit"))
    if changed is None:
        raise _moved()
    audit_log.record(f"plan#{plan_id}", username, "修改并重新提交方案", request.name, tenant_id=tenant_id)
    tenant_notices.plan_waiting(plan_id, request.name, plan.get("author_name") or "")
    return {"plan_id": plan_id, "status": status.PENDING}


def withdraw(tenant_id: str, username: str, plan_id: str) -> dict:
    plan = _own(tenant_id, plan_id)
    target = status.next_status(plan["status"], "withdraw")
    changed = plan_store.update(plan_id, {"status": target, "updated_at": now_iso()}, status.sources_of("withdraw"))
    if changed is None:
        raise _moved()
    audit_log.record(f"plan#{plan_id}", username, "撤回方案", tenant_id=tenant_id)
    tenant_notices.plan_no_longer_waiting(plan_id)
    return {"plan": views.detail(changed, attachments.html_of(changed), tenant_id)}


def _own(tenant_id: str, plan_id: str) -> dict:
    plan = plan_store.get(plan_id)
    if plan is None or plan.get("author_tenant_id") != tenant_id:
        raise NotFound("方案不存在")
    return plan


def _moved() -> Conflict:
    return Conflict("方案状态刚刚发生了变化，请刷新后再试", code="PLAN_CHANGED")
