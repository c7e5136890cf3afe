"""The pre-send check as the page shows it, the excluded customers as a workbook, the messages page by page."""
from datetime import datetime, timezone

import numpy as np

from chalicelib.adapters import campaign_plans, message_log
from chalicelib.domain.campaigns import exclusions
from chalicelib.domain.campaigns.stats import min_detectable_lift
from chalicelib.domain.customer_columns import mask_mobile
from chalicelib.domain.sms import length, message_status
from chalicelib.domain.xlsx_stream import xlsx_table
from chalicelib.errors import NotFound, ValidationFailed
from chalicelib.services.campaigns import precheck
from chalicelib.services.campaigns.drafts import existing
from chalicelib.services.campaigns.recipients import params, text
from chalicelib.services.campaigns.views import yuan
from chalicelib.services.paging import page_bounds

SAMPLES = 3


def preview(tenant_id: str, campaign_id: str, mobile_visible: bool = True, now: datetime | None = None) -> dict:
    """Who would get the SMS now, who is left out and why, the cost and what blocks sending; nothing is written."""
    now = now or datetime.now(timezone.utc)
    campaign = existing(tenant_id, campaign_id)
    check = precheck.run(tenant_id, campaign, now)
    sent, held = check.sent, int(check.held.sum())
    rate = precheck.base_rate(check, now)
    parts, chars = check.parts[sent], check.chars[sent]
    return {"recipients": check.messages, "held_out": held, "holdout_share": float(campaign.get("holdout_share") or 0),
            "excluded": exclusions.counts(check.reasons),
            "parts_per_message": int(parts.max()) if len(parts) else 0, "parts_min": int(parts.min()) if len(parts) else 0,
            "parts_total": int(parts.sum()), "chars": int(chars.max()) if len(chars) else 0,
            "messages": check.messages, "value_notes": precheck.value_notes(check),
            "estimated_cost_yuan": yuan(precheck.cost_li(check)), "price_yuan_per_part": f"{check.price_li / 1000:.3f}",
            "samples": _samples(check, np.flatnonzero(sent)[:SAMPLES], mobile_visible),
            "send_window": precheck.window_now(now),
            "min_detectable_lift": min_detectable_lift(rate, check.messages, held) if rate is not None else None,
            "base_rate": rate, "blocking": precheck.blocking(check)}


def _samples(check, rows, mobile_visible: bool) -> list[dict]:
    r, body = check.recipients, (check.template or {}).get("text", "")
    signature = check.settings.get("signature") or length.SAMPLE_SIGNATURE
    return [{"customer_code": str(r.codes[k]), "name": text(r.names[k]),
             "mobile": str(r.mobiles[k]) if mobile_visible else mask_mobile(str(r.mobiles[k])),
             "text": length.compose(length.render(body, params(r, k)), signature, check.marketing),
             "parts": int(check.parts[k])} for k in rows]


def excluded(tenant_id: str, campaign_id: str, reason: str, mobile_visible: bool = True) -> tuple[bytes, str]:
    """(workbook, file name) of the customers left out for `reason` as the check finds them now."""
    if reason not in exclusions.REASONS:
        raise NotFound(f"没有这种排除原因：{reason}", code="REASON_NOT_FOUND")
    campaign = existing(tenant_id, campaign_id)
    check = precheck.run(tenant_id, campaign, datetime.now(timezone.utc))
    rows = np.flatnonzero(check.reasons == exclusions.REASONS.index(reason) + 1)
    r, label = check.recipients, exclusions.LABELS[reason]
    table = [[str(r.codes[k]), text(r.names[k]), str(r.mobiles[k]) if mobile_visible else mask_mobile(str(r.mobiles[k])),
              label] for k in rows]
    return xlsx_table(label, ["客户编码", "姓名", "手机号", "原因"], table), f"{campaign['name']}-排除-{label}.xlsx"


def messages(tenant_id: str, campaign_id: str, status: str = "", page: int = 1, size: int = 20,
             mobile_visible: bool = True) -> dict:
    """One page of the campaign's messages, with the status a person reads (无回执 after 72 hours)."""
    existing(tenant_id, campaign_id)
    if status and status not in message_status.LABELS:
        shown_statuses = "、".join(message_status.LABELS)
        raise ValidationFailed(f"状态只能是 {shown_statuses}", [{"field": "status", "message": "未知的短信状态"}])
    page, size, shown = page_bounds(page, size)
    now = datetime.now(timezone.utc)
    items = [dict(m, shown=message_status.shown(m["status"], m["submitted_at"], now))
             for m in message_log.page(tenant_id, campaign_id)]
    items = [m for m in items if not status or m["shown"] == status]
    names = _names(tenant_id, campaign_id)
    return {"items": [_message(m, names.get(m["customer_code"]), mobile_visible) for m in items[shown]],
            "total": len(items), "page": page, "size": size}


def _names(tenant_id: str, campaign_id: str) -> dict[str, str]:
    """Customer names as planned (the message log keeps no names)."""
    plan = campaign_plans.read(tenant_id, campaign_id, ("customer_code", "name")) or {}
    return dict(zip(plan.get("customer_code", np.empty(0)).tolist(), plan.get("name", np.empty(0)).tolist()))


def _message(m: dict, name: str | None, mobile_visible: bool) -> dict:
    return {"customer_code": m["customer_code"], "name": name,
            "mobile": m["mobile"] if mobile_visible else mask_mobile(m["mobile"]), "status": m["shown"],
            "status_label": message_status.LABELS.get(m["shown"], m["shown"]),
            "error": m.get("error_message") or m.get("error_code"), "parts": m["parts"],
            "submitted_at": m["submitted_at"], "reported_at": m.get("reported_at"), "replied": m.get("replied")}
