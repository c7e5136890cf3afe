"""Provider callbacks: delivery receipts and replies, read from the provider's body format.

Aliyun pushes SmsReport / SmsUp as JSON arrays (times in China time); the SNS provider's format is
ours: a JSON array of objects with the same fields as Receipt / Reply (times ISO UTC)."""
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from chalicelib import config
from chalicelib.adapters.sms.types import mainland_number
from chalicelib.errors import BadRequest
from chalicelib.observability import logger

MAX_BODY = 1_000_000
MAX_ITEMS = 5000
CHINA = timezone(timedelta(hours=8))
PROVIDERS = ("aliyun", "sns")


@dataclass(frozen=True)
class Receipt:
    provider: str
    biz_id: str
    mobile: str
    delivered: bool
    error_code: str | None
    error_message: str | None
    reported_at: str


@dataclass(frozen=True)
class Reply:
    provider: str
    mobile: str
    text: str
    signature: str | None
    received_at: str


def verify(token) -> bool:
    """True when the callback URL carries the configured secret (compared in constant time)."""
    if not isinstance(token, str) or not token:
        return False
    return hmac.compare_digest(token.encode("utf-8"), config.sms_callback_token().encode("utf-8"))


def ack(provider: str) -> dict:
    """What the provider expects back; Aliyun resends a push until it reads code 0."""
    return {"code": 0, "msg": "成功"} if provider == "aliyun" else {"ok": True}


def parse_reports(provider: str, body: bytes) -> list[Receipt]:
    return _well_formed(_items(provider, body), lambda item: _receipt(provider, item))


def parse_replies(provider: str, body: bytes) -> list[Reply]:
    return _well_formed(_items(provider, body), lambda item: _reply(provider, item))


def _well_formed(items: list[dict], read) -> list:
    """Every item that reads; a malformed one is logged and skipped. A provider resends the whole push until it is
    acknowledged, so refusing it for one bad item would lose the good ones for good. None readable: the first
    problem (400)."""
    read_items, problems = [], []
    for item in items:
        try:
            read_items.append(read(item))
        except BadRequest as problem:
            problems.append(problem)
    if problems and not read_items:
        raise problems[0]
    if problems:
        logger.warning("callback: %d of %d items skipped (%s)", len(problems), len(items), problems[0].message)
    return read_items


def _receipt(provider: str, item: dict) -> Receipt:
    if provider == "aliyun":
        return Receipt(provider, _text(item, "biz_id"), _mobile(item, "phone_number"), _flag(item, "success"),
                       _text(item, "err_code", True), _text(item, "err_msg", True), _china_time(item, "report_time"))
    return Receipt(provider, _text(item, "biz_id"), _mobile(item, "mobile"), _flag(item, "delivered"),
                   _text(item, "error_code", True), _text(item, "error_message", True), _iso(item, "reported_at"))


def _reply(provider: str, item: dict) -> Reply:
    if provider == "aliyun":
        return Reply(provider, _mobile(item, "phone_number"), _text(item, "content", empty=True),
                     _text(item, "sign_name", True), _china_time(item, "send_time"))
    return Reply(provider, _mobile(item, "mobile"), _text(item, "text", empty=True), _text(item, "signature", True),
                 _iso(item, "received_at"))


def _items(provider: str, body: bytes) -> list[dict]:
    if provider not in PROVIDERS:
        raise BadRequest(f"未知的短信服务商：{provider}")
    if not isinstance(body, (bytes, str)) or len(body) > MAX_BODY:
        raise BadRequest("回调内容为空或过大")
    try:
        items = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise BadRequest("回调内容不是 JSON") from error
    if not isinstance(items, list) or len(items) > MAX_ITEMS or not all(isinstance(i, dict) for i in items):
        raise BadRequest(f"回调内容须为对象数组（至多 {MAX_ITEMS} 条）")
    return items


def _text(item: dict, key: str, optional: bool = False, empty: bool = False) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool) or (str(value) == "" and not empty):
        raise BadRequest(f"回调字段 {key} 缺失或类型不对")
    return str(value)[:1000]


def _mobile(item: dict, key: str) -> str:
    mobile = mainland_number(_text(item, key))
    if not (mobile.isdigit() and 5 <= len(mobile) <= 15):
        raise BadRequest(f"回调字段 {key} 不是手机号")
    return mobile


def _flag(item: dict, key: str) -> bool:
    value = item.get(key)
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):  # some pushes send booleans as text
        return value == "true"
    raise BadRequest(f"回调字段 {key} 须为 true 或 false")


def _china_time(item: dict, key: str) -> str:
    try:
        at = datetime.strptime(_text(item, key), "%Y-%m-%d %H:%M:%S").replace(tzinfo=CHINA)
    except ValueError as error:
        raise BadRequest(f"回调字段 {key} 不是“年-月-日 时:分:秒”") from error
    return _utc(at)


def _iso(item: dict, key: str) -> str:
    try:
        at = datetime.fromisoformat(_text(item, key).replace("Z", "+00:00"))
    except ValueError as error:
        raise BadRequest(f"回调字段 {key} 不是 ISO 时间") from error
    return _utc(at if at.tzinfo else at.replace(tzinfo=timezone.utc))


def _utc(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
