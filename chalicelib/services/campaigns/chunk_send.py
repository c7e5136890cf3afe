"""Sending a chunk's unclaimed recipients: spend guard, claim, rate token, provider call, results in batches."""
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib import config
from chalicelib.adapters import (
    campaign_queue,
    campaign_store,
    message_log,
    opt_out_ledger,
    sms_settings_store,
    sms_usage,
    template_store,
)
from chalicelib.adapters.sms import Outgoing, TemplateRef, gateway
from chalicelib.adapters.sms.errors import ProviderRejected, ProviderThrottled, ProviderUncertain
from chalicelib.adapters.sms.types import NOT_SENT, UNCERTAIN, text_for
from chalicelib.domain.campaigns.status import PAUSED, SENDING
from chalicelib.domain.sms import variable_values
from chalicelib.domain.sms.length import parts_for
from chalicelib.domain.sms.window import CHINA
from chalicelib.services import platform_settings
from chalicelib.services.campaigns.chunk_states import UNKNOWN_NOTE
from chalicelib.services.stats import facts

CAP_NOTE = "已达到平台设定的每日/每月短信上限，已暂停：上限调整后或次日可继续发送"
LATE_OPT_OUT, LATE_OPT_OUT_NOTE = "OPTED_OUT", "发送前客户已退订，未发送（不计费）"


@dataclass
class SendResult:
    written: dict = field(default_factory=dict)  # code -> message as logged
    stopped: str | None = None  # "capped": paused by the spend guard; "paused": by a user while sending
    throttled: bool = False  # some were not sent: the chunk is queued again


def send(campaign: dict, work: dict, todo: list, moment: datetime, deps) -> SendResult:
    """Send to `todo` ([code, mobile, name, store, class label] rows no message is logged for yet)."""
    tenant_id, day = campaign["tenant_id"], moment.astimezone(CHINA).date().isoformat()
    provider, template, result = deps.gateway or gateway(), _template(campaign), SendResult()
    todo = _skip_late_opt_outs(campaign, todo, template, provider.name, moment, result)
    if not todo:
        return result
    if not _reserve(tenant_id, len(todo), day, moment):
        campaign_store.move(tenant_id, campaign["campaign_id"], (SENDING,),
                            {"status": PAUSED, "status_note": CAP_NOTE, "due": None, "due_at": None})
        result.stopped = "capped"
        return result
    pending = _claim_all(campaign, todo, template, provider.name, moment, day)
    size = max(min(config.CAMPAIGN_CHUNK, config.sms_rate_per_second()), 1)
    for start in range(0, len(pending), size):
        part = pending[start:start + size]
        _take_rate(provider.name, len(part), deps)
        if not _still_sending(campaign):  # paused (or deleted) while this chunk was under way
            _release(campaign, pending[start:], day)
            result.stopped = "paused"
            return result
        try:
            done = _call(provider, campaign, template, part, moment)
        except ProviderThrottled as error:
            _give_back(campaign, pending[start:], day, work, int(error.retry_after + 0.999), deps)
            result.throttled = True
            return result
        retry = [m for m in done if m["status"] == "not_sent"]
        done = [m for m in done if m["status"] != "not_sent"]
        message_log.write(done)
        facts.sms_submitted(tenant_id, done, campaign.get("price_li") or 0)
        result.written.update({m["customer_code"]: m for m in done})
        if retry:
            _give_back(campaign, retry + pending[start + size:], day, work, 1, deps)
            result.throttled = True
            return result
    return result


def _claim_all(campaign: dict, todo: list, template: TemplateRef, provider: str, moment: datetime,
               day: str) -> list[dict]:
    """Claim a message per row (rows another worker claimed meanwhile drop out, their reservation released)."""
    claims = [_claim(campaign, row, template, provider, moment) for row in todo]
    claimed = set(message_log.claim(claims))
    sms_usage.release(campaign["tenant_id"], len(todo) - len(claimed), day)
    return [c for c in claims if c["customer_code"] in claimed]


def _skip_late_opt_outs(campaign: dict, todo: list, template: TemplateRef, provider: str, moment: datetime,
                        result: SendResult) -> list:
    """Numbers opted out after the campaign was planned get nothing: logged as not sent, with the reason."""
    late = opt_out_ledger.opted_out_among(campaign["tenant_id"], [row[1] for row in todo])
    if not late:
        return todo
    skipped = [_result(_claim(campaign, row, template, provider, moment), "failed", error_code=LATE_OPT_OUT,
                       error_message=LATE_OPT_OUT_NOTE) for row in todo if row[1] in late]
    claimed = set(message_log.claim(skipped))
    result.written.update({m["customer_code"]: m for m in skipped if m["customer_code"] in claimed})
    return [row for row in todo if row[1] not in late]


def _still_sending(campaign: dict) -> bool:
    now = campaign_store.get(campaign["tenant_id"], campaign["campaign_id"])
    return now is not None and now["status"] == SENDING


def _reserve(tenant_id: str, count: int, day: str, moment: datetime) -> bool:
    settings = sms_settings_store.get(tenant_id)
    caps = platform_settings.tenant_sms_caps(tenant_id, settings)
    return sms_usage.reserve(tenant_id, count, day, *caps, int(moment.timestamp()))


def _template(campaign: dict) -> TemplateRef:
    template = template_store.get(campaign["tenant_id"], campaign["template_id"]) or {}
    return TemplateRef(template.get("provider_code"), campaign["text"] or template.get("text", ""),
                       template.get("kind", "marketing"))


def _claim(campaign: dict, row: list, template: TemplateRef, provider: str, moment: datetime) -> dict:
    code, mobile, name, store, label = row
    at = moment.isoformat(timespec="seconds")
    params = variable_values.clean(name, store, label)
    return {"tenant_id": campaign["tenant_id"], "campaign_id": campaign["campaign_id"], "customer_code": code,
            "mobile": mobile, "signature": campaign["signature"] or "", "status": "sending", "provider": provider,
            "parts": parts_for(len(text_for(campaign["signature"] or "", template, params))),
            "claimed_at": at, "submitted_at": at, "params": params}


def _take_rate(provider: str, count: int, deps) -> None:
    """Wait for a second with room for `count` more sends under the provider's rate."""
    while True:
        second = int(deps.now().timestamp())
        if sms_usage.take_rate(provider, count, second, config.sms_rate_per_second()):
            return
        deps.sleep(max(second + 1 - deps.now().timestamp(), 0.01))


def _call(provider, campaign: dict, template: TemplateRef, part: list[dict], moment: datetime) -> list[dict]:
    """The messages with the provider's answer (status, biz id, error), ready to write."""
    outgoing = [Outgoing(m["mobile"], m["params"]) for m in part]
    try:
        answers = {a.mobile: a for a in provider.send_batch(campaign["signature"] or "", template, outgoing)}
    except ProviderRejected as error:
        return [_result(m, "failed", error_code=error.code, error_message=error.message) for m in part]
    except ProviderUncertain:
        return [_result(m, "unknown", error_code=UNCERTAIN, error_message=UNKNOWN_NOTE) for m in part]
    return [_answered(m, answers.get(m["mobile"]), provider.name) for m in part]


def _answered(message: dict, answer, provider: str) -> dict:
    if answer is None or answer.error_code == UNCERTAIN:
        return _result(message, "unknown", error_code=UNCERTAIN, error_message=UNKNOWN_NOTE)
    if answer.error_code == NOT_SENT:
        return _result(message, "not_sent")
    if not answer.ok:
        return _result(message, "failed", error_code=answer.error_code, error_message=answer.error_message)
    return _result(message, "submitted", biz_id=answer.biz_id,
                   receipt_key=message_log.receipt_key(provider, answer.biz_id, message["mobile"]))


def _result(message: dict, status: str, **fields) -> dict:
    return {**{k: v for k, v in message.items() if k != "params"}, "status": status, **fields}


def _give_back(campaign: dict, messages: list[dict], day: str, work: dict, delay: int, deps) -> None:
    """Nothing was sent to these: release their claims and reservation, and queue the chunk again later."""
    _release(campaign, messages, day)
    (deps.requeue or _requeue)(work, min(max(delay, 1), 900))


def _release(campaign: dict, messages: list[dict], day: str) -> None:
    message_log.release(campaign["tenant_id"], campaign["campaign_id"], [m["customer_code"] for m in messages])
    sms_usage.release(campaign["tenant_id"], len(messages), day)


def _requeue(work: dict, delay: int) -> None:
    campaign_queue.send_chunks([work], delay)
