"""Staff work on plans: the review queue and decisions, platform plans, take-down and usage."""
import uuid

from chalicelib.adapters import audit_log, plan_store
from chalicelib.clock import now_iso
from chalicelib.domain import audit_changes
from chalicelib.domain.plans import status, visibility
from chalicelib.domain.plans.schemas import PlanRequest
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import audit_view, tenant_notices
from chalicelib.services.paging import page_bounds
from chalicelib.services.plans import attachments, drafts, usage, views

PLATFORM_OWNER = "platform"
# How a platform plan's edited fields read in the audit log.
PLAN_LABELS = {"name": "方案名称", "industry": "适用行业", "event": "营销活动", "target_classes": "目标客群",
               "summary": "摘要", "sms_text": "短信文案", "price_fen": "价格（分）", "attachment_name": "附件"}


def list_plans(plan_status: str = "", author: str = "", q: str = "", page: int = 1, size: int = 20) -> dict:
    """Pending plans oldest first (the queue); any other list newest first."""
    if plan_status and plan_status not in status.STATUSES:
        raise ValidationFailed("未知的方案状态")
    if author and author not in (views.PLATFORM, views.TENANT):
        raise ValidationFailed(f"作者只能是 {views.PLATFORM}（平台）或 {views.TENANT}（企业）")
    plans = plan_store.with_status(plan_status) if plan_status else plan_store.every_plan()
    plans = [p for p in plans if (not author or p["author_kind"] == author)
             and visibility.mentions(p, q, ("name", "summary", "author_name"))]
    plans.sort(key=lambda p: p["updated_at"], reverse=plan_status != status.PENDING)
    page, size, rows = page_bounds(page, size)
    return {"items": [views.with_status(p) for p in plans[rows]], "total": len(plans)}


def detail(plan_id: str) -> dict:
    plan = _plan(plan_id)
    return {**views.detail(plan, attachments.html_of(plan)), "audit": audit_view.named_entries(f"plan#{plan_id}")[0]}


def decide(plan_id: str, action: str, actor: str, reason: str = "") -> dict:
    """Approve, reject (with a reason), take down or restore; only one of two parallel decisions wins."""
    plan = _plan(plan_id)
    if action == "restore" and plan["author_kind"] != views.PLATFORM:
        raise Conflict("企业投稿的方案由作者修改后重新提交，不能直接重新上架", code="INVALID_TRANSITION")
    target = status.next_status(plan["status"], action)
    changes: dict[str, str | None] = {"status": target, "updated_at": now_iso()}
    if action in ("approve", "reject"):
        changes.update(reviewed_at=changes["updated_at"], reviewed_by=actor, reject_reason=reason or None)
    changed = plan_store.update(plan_id, changes, status.sources_of(action))
    if changed is None:
        raise Conflict("方案状态刚刚被其他人修改，请刷新后查看", code="PLAN_CHANGED")
    audit_log.record(f"plan#{plan_id}", actor, status.AUDIT_ACTIONS[action], reason)
    if action in ("approve", "reject"):
        tenant_notices.plan_no_longer_waiting(plan_id)
    return {"plan": views.detail(changed, attachments.html_of(changed))}


def attachment_upload(request) -> dict:
    return attachments.upload(PLATFORM_OWNER, request)


def create(request: PlanRequest, actor: str) -> dict:
    """A platform plan, in the market at once."""
    plan_id = uuid.uuid4().hex
    now = now_iso()
    plan = {"plan_id": plan_id, "status": status.APPROVED, "author_kind": views.PLATFORM,
            "author_name": views.PLATFORM_AUTHOR, "created_by": actor, "created_at": now, "updated_at": now,
            "reviewed_at": now, "reviewed_by": actor, **drafts.plan_fields(request, PLATFORM_OWNER, plan_id)}
    plan["shared"] = True  # a platform plan is for every tenant of its industry
    plan_store.create(plan)
    audit_log.record(f"plan#{plan_id}", actor, "新建平台方案", request.name)
    return {"plan": views.detail(plan_store.get(plan_id) or plan, attachments.html_of(plan))}


def edit(plan_id: str, request: PlanRequest, actor: str) -> dict:
    plan = _plan(plan_id)
    if plan["author_kind"] != views.PLATFORM:
        raise Conflict("企业投稿的方案只能由作者修改", code="NOT_PLATFORM_PLAN")
    fields = drafts.plan_fields(request, PLATFORM_OWNER, plan_id, current=plan)
    changed = plan_store.update(plan_id, {**fields, "shared": True, "updated_at": now_iso()}, status.STATUSES)
    if changed is None:  # deleted meanwhile
        raise Conflict("方案状态刚刚被其他人修改，请刷新后查看", code="PLAN_CHANGED")
    audit_log.record(f"plan#{plan_id}", actor, "修改平台方案", request.name, changes=audit_changes.diff(
        plan, {name: fields[name] for name in PLAN_LABELS if name in fields}, PLAN_LABELS))
    return {"plan": views.detail(changed, attachments.html_of(changed))}


def usage_of(plan_id: str) -> dict:
    return usage.of_plan(_plan(plan_id))


def _plan(plan_id: str) -> dict:
    plan = plan_store.get(plan_id)
    if plan is None:
        raise NotFound("方案不存在")
    return plan
