"""What the API shows of a plan: a card in lists, every field in the detail."""
from dataclasses import asdict

from chalicelib.domain.plans.status import STATUS_LABELS
from chalicelib.domain.sms import content_rules, length
from chalicelib.errors import ValidationFailed

PLATFORM, TENANT = "platform", "tenant"
PLATFORM_AUTHOR = "平台专家"


def card(plan: dict, tenant_id: str = "") -> dict:
    return {"plan_id": plan["plan_id"], "name": plan["name"], "industry": plan["industry"], "event": plan["event"],
            "target_classes": plan["target_classes"], "summary": plan["summary"], "author_kind": plan["author_kind"],
            "price_yuan": round(plan["price_fen"] / 100, 2), "uses": plan["uses"], "views": plan["views"],
            "created_at": plan["created_at"], "mine": bool(tenant_id) and plan.get("author_tenant_id") == tenant_id}


def with_status(plan: dict, tenant_id: str = "") -> dict:
    """A card with its review state (我的方案, staff lists)."""
    return {**card(plan, tenant_id), "status": plan["status"], "status_label": STATUS_LABELS[plan["status"]],
            "reject_reason": plan.get("reject_reason") or "", "updated_at": plan["updated_at"],
            "shared": plan["shared"], "author_name": plan["author_name"]}


def detail(plan: dict, attachment_html: str, tenant_id: str = "") -> dict:
    return {**with_status(plan, tenant_id), "description": plan.get("description") or "", "sms_text": plan["sms_text"],
            "sms_texts": [sms_view(text) for text in split_texts(plan["sms_text"])],
            "attachment_name": plan.get("attachment_name") or "", "attachment_html": attachment_html}


def split_texts(sms_text: str) -> list[str]:
    """A plan may suggest several texts, one paragraph each."""
    return [part.strip() for part in sms_text.split("\n\n") if part.strip()]


def sms_view(text: str) -> dict:
    measure = length.measure(text)
    return {"text": text, "composed": measure.text, "chars": measure.chars, "parts": measure.parts,
            "warnings": [asdict(finding) for finding in content_rules.check(text)]}


def check_sms_text(sms_text: str) -> None:
    """A plan's texts must be sendable as they stand: lawful content and at most 500 characters once composed."""
    problems = []
    for text in split_texts(sms_text):
        problems += [finding.message for finding in content_rules.check(text)]
        if length.measure(text).too_long:
            problems.append(f"加上签名和退订提示后超过 {length.MAX_CHARS} 字，请精简")
    if problems:
        message = "；".join(dict.fromkeys(problems))
        raise ValidationFailed("短信文案不符合发送规范，请按提示修改", [{"field": "sms_text", "message": message}])
