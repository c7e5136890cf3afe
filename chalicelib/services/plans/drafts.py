"""A plan request checked against the dictionaries and the SMS rules, and turned into stored fields."""
from chalicelib.domain.calendar_events import ALL_INDUSTRIES
from chalicelib.domain.plans.schemas import PlanRequest
from chalicelib.errors import ValidationFailed
from chalicelib.services.plans import attachments, dictionaries, views


def plan_fields(request: PlanRequest, owner: str, plan_id: str, current: dict | None = None) -> dict:
    """The fields to store; the attachment is validated and kept when it is new (an empty key keeps the current)."""
    problems = []
    if request.industry not in (*dictionaries.industries(), ALL_INDUSTRIES):
        problems.append({"field": "industry", "message": "请从列表中选择行业"})
    if request.event not in {rule.name for rule in dictionaries.events()}:
        problems.append({"field": "event", "message": "请从列表中选择活动"})
    try:
        views.check_sms_text(request.sms_text)
    except ValidationFailed as error:
        problems += error.details
    if problems:
        raise ValidationFailed("提交的方案信息有误，请按提示修改", problems)
    fields = {"name": request.name, "industry": request.industry, "event": request.event,
              "target_classes": request.target_classes, "summary": request.summary,
              "description": request.description or None, "sms_text": request.sms_text, "shared": request.shared,
              "price_fen": request.price_fen}
    if request.attachment_key and request.attachment_key != (current or {}).get("attachment_key"):
        fields.update(attachments.accept(owner, request.attachment_key, plan_id))
    return fields
