"""发送前检查: who a campaign would reach now, who it leaves out and why, what it costs and what stops it.
The same check runs for the preview (nothing written) and when the campaign is planned."""
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from chalicelib import config
from chalicelib.adapters import (
    campaign_plans,
    campaign_store,
    opt_out_ledger,
    sms_settings_store,
    sms_usage,
    template_store,
)
from chalicelib.domain.campaigns import exclusions, holdout
from chalicelib.domain.customer_columns import MISSING_DAY, day_number
from chalicelib.domain.sms import length, variable_values, window
from chalicelib.domain.sms.window import CHINA
from chalicelib.services import platform_settings
from chalicelib.services.campaigns import recent_sends
from chalicelib.services.campaigns.recipients import Recipients, load


@dataclass(frozen=True)
class Check:
    recipients: Recipients
    reasons: np.ndarray  # int8 per candidate (exclusions.REASONS)
    held: np.ndarray  # bool per candidate: eligible and held out (control group)
    template: dict | None
    settings: dict
    measure: length.SmsMeasure | None  # the template measured with sample values (the editor's figure)
    chars: np.ndarray  # int64 per candidate: the length of the message its own values make
    price_li: int
    used: tuple[int, int]  # messages sent today, this month
    caps: tuple[int, int]

    @property
    def sent(self) -> np.ndarray:
        return (self.reasons == exclusions.ELIGIBLE) & ~self.held

    @property
    def messages(self) -> int:
        return int(self.sent.sum())

    @property
    def parts(self) -> np.ndarray:
        """SMS parts per candidate, as the provider bills the message its values make."""
        return length.parts_of(self.chars)

    @property
    def marketing(self) -> bool:
        return (self.template or {}).get("kind", "marketing") == "marketing"


# Many arguments, by design: stores passed in.
def run(tenant_id: str, campaign: dict, now: datetime, *, settings_store=sms_settings_store, templates=template_store,  # noqa: PLR0913
        opt_outs=opt_out_ledger, usage=sms_usage, campaigns=campaign_store, plans=campaign_plans) -> Check:
    """Candidates → exclusions → control group, with the template, the settings and today's usage."""
    settings = settings_store.get(tenant_id)
    template = templates.get(tenant_id, campaign["template_id"])
    recipients = load(tenant_id, campaign, now.astimezone(CHINA).date())
    recent = recent_sends.recent(tenant_id, now, int(settings["frequency_days"]), campaign["campaign_id"],
                                 campaigns=campaigns, plans=plans)
    reasons = exclusions.classify(recipients.mobiles, recipients.consent, opt_outs.opted_out_mobiles(tenant_id),
                                  recent.marketing, int(settings["frequency_count"]), recent.today,
                                  int(settings["daily_per_number"]))
    eligible = reasons == exclusions.ELIGIBLE
    held = np.zeros(len(recipients), dtype=bool)
    held[eligible] = holdout.held_out(campaign["campaign_id"], recipients.codes[eligible],
                                      float(campaign.get("holdout_share") or 0))
    kind = (template or {}).get("kind", "marketing")
    signature = settings["signature"] or length.SAMPLE_SIGNATURE
    measure = length.measure(template["text"], signature, kind == "marketing") if template else None
    chars = _chars(template["text"], signature, kind == "marketing", recipients) if template else \
        np.zeros(len(recipients), dtype=np.int64)
    caps = platform_settings.tenant_sms_caps(tenant_id, settings)
    day = now.astimezone(CHINA).date().isoformat()
    return Check(recipients, reasons, held, template, settings, measure, chars, platform_settings.sms_price_li(kind),
                 usage.used(tenant_id, day), caps)


def _chars(body: str, signature: str, marketing: bool, r: Recipients) -> np.ndarray:
    return variable_values.sent_chars(length.fixed_chars(body, signature, marketing), length.variable_uses(body),
                                      r.names, r.stores, r.classes)


def value_notes(check: Check) -> list[dict]:
    """What the sent group's own names, stores and classes change in their messages (the pre-send check's notes)."""
    if check.template is None:
        return []
    rows, r = np.flatnonzero(check.sent), check.recipients
    return variable_values.notes(length.variable_uses(check.template["text"]), r.names[rows], r.stores[rows],
                                 r.classes[rows])


def blocking(check: Check) -> list[dict]:
    """What must change before the campaign can be sent, each with what to do."""
    found = []
    template = check.template
    if template is None:
        found.append({"code": "TEMPLATE_MISSING", "message": "所选短信模板不存在或已被删除：请重新选择模板"})
    elif template["status"] != "approved":
        state = "审核中" if template["status"] == "pending" else "未通过审核"
        found.append({"code": "TEMPLATE_NOT_APPROVED", "message": f"短信模板“{template['name']}”{state}：审核通过后才能发送"})
    elif check.measure and check.measure.too_long:
        found.append({"code": "TEXT_TOO_LONG", "message": f"短信连同签名和退订提示超过 {length.MAX_CHARS} 字：请精简模板"})
    elif (too_long := int((check.chars[check.sent] > length.MAX_CHARS).sum())):
        found.append({"code": "TEXT_TOO_LONG", "message": f"{too_long} 位客户的短信填入姓名、门店后超过 "
                                                          f"{length.MAX_CHARS} 字：请精简模板"})
    if not check.settings.get("signature"):
        found.append({"code": "SIGNATURE_MISSING", "message": "尚未设置短信签名：请先在“短信设置”中填写签名"})
    if check.messages == 0:
        found.append({"code": "NO_RECIPIENTS", "message": "没有可以发送的客户：请检查人群条件或排除原因"})
    for used, cap, label in zip(check.used, check.caps, ("今日", "本月")):
        if used + check.messages > cap:
            found.append({"code": "OVER_CAP", "message": f"本次 {check.messages} 条将超出{label}短信上限（已用 {used} 条，"
                                                         f"上限 {cap} 条）：请缩小人群，或联系平台调整上限"})
    return found


def cost_li(check: Check) -> int:
    """Every sent-group message's parts at the frozen price."""
    return int(check.parts[check.sent].sum()) * check.price_li


REPURCHASE_DAYS = 30  # the report's longer window


def base_rate(check: Check, now: datetime) -> float | None:
    """The segment's own repurchase rate, as the report will measure it: the share of its eligible customers who
    bought within 30 days — the 30 days up to the newest order among the campaign's candidates (the data's today;
    never later than today, should an order be dated in the future)."""
    eligible = check.reasons == exclusions.ELIGIBLE
    days = check.recipients.last_order_days
    if not eligible.any() or not len(days) or days.max() == MISSING_DAY:
        return None
    end = min(int(days.max()), day_number(now.astimezone(CHINA).date().isoformat()))
    recent = (days[eligible] > end - REPURCHASE_DAYS) & (days[eligible] <= end)
    return float(recent.mean())


def window_now(now: datetime) -> dict:
    return window.describe(now, config.sms_send_window())
