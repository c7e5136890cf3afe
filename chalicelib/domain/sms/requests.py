"""What the SMS endpoints take: settings, caps, templates, the live check and opt-outs."""
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictBool

from chalicelib.domain import fields
from chalicelib.domain.schemas import LABELS, Request
from chalicelib.errors import ValidationFailed

KINDS = {"marketing": "营销", "notice": "通知"}
SIGNATURE = re.compile(r"[A-Za-z0-9\u4e00-\u9fff]{2,12}")
TEMPLATE_NAME_MAX = 30
TEXT_MAX = 1000  # the length rule (500 with signature and suffix) is reported by the check, not here
CAP_MAX = 10_000_000  # at least 1: the senders read a cap of 0 as "not set" (config default)


def clean_signature(value: Any) -> str:
    """The signature without its 【】: 2–12 Chinese characters, letters or digits."""
    text = fields.clean_text(value if isinstance(value, str) else "", "短信签名", 20)
    if text.startswith("【") and text.endswith("】"):
        text = text[1:-1].strip()
    if not SIGNATURE.fullmatch(text):
        raise ValueError("短信签名应为 2–12 个汉字、字母或数字（不含【】和标点），一般用店名，如“康宁大药房”")
    return text


def _whole(label: str, low: int, high: int):
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) and not (isinstance(value, str) and value.isdigit()):
            raise ValueError(f"{label}应为 {low}–{high} 之间的整数")
        if not low <= int(value) <= high:
            raise ValueError(f"{label}应在 {low}–{high} 之间，当前为 {value}")
        return int(value)
    return BeforeValidator(check)


def _kind(value: Any) -> str:
    if value not in KINDS:
        raise ValueError("请选择模板类型：营销（marketing）或通知（notice）")
    return value


Kind = Annotated[str, BeforeValidator(_kind)]


class SettingsRequest(Request):
    """Only the fields sent change."""

    signature: Annotated[str, BeforeValidator(clean_signature)] | None = None
    frequency_days: Annotated[int, _whole("频次周期（天）", 1, 90)] | None = None
    frequency_count: Annotated[int, _whole("周期内最多条数", 1, 10)] | None = None
    daily_per_number: Annotated[int, _whole("每号码每日最多条数", 1, 10)] | None = None
    birthday_enabled: StrictBool | None = None  # true or false itself: "yes" is not an answer
    birthday_template_id: str | None = None  # null: no birthday template

    def changes(self) -> dict:
        """The fields sent; a null signature or number is refused (it would wipe the setting)."""
        sent = self.model_dump(exclude_unset=True)
        empty = [name for name, value in sent.items() if value is None and name != "birthday_template_id"]
        if empty:
            raise ValidationFailed("提交的信息有误，请按提示修改",
                                   [{"field": name, "message": f"{LABELS[name]}不能为空"} for name in empty])
        return sent


class CapsRequest(Request):
    daily_cap: Annotated[int, _whole("每日发送上限", 1, CAP_MAX)]
    monthly_cap: Annotated[int, _whole("每月发送上限", 1, CAP_MAX)]

    def model_post_init(self, _context) -> None:
        if self.monthly_cap < self.daily_cap:
            raise ValidationFailed("提交的信息有误，请按提示修改",
                                   [{"field": "monthly_cap", "message": "每月发送上限不能小于每日发送上限"}])


class CheckRequest(Request):
    text: Annotated[str, BeforeValidator(lambda v: v if isinstance(v, str) else "")] = ""
    kind: Kind = "marketing"


def _text(value) -> str:
    """Text as typed; a number or list is not a message (null or missing reads as empty)."""
    if value is None or isinstance(value, str):
        return value or ""
    raise ValueError("短信内容应为文字")


class TemplateRequest(Request):
    name: Annotated[str, BeforeValidator(lambda v: fields.clean_text(v if isinstance(v, str) else "", "模板名称",
                                                                     TEMPLATE_NAME_MAX))]
    kind: Kind = Field("", validate_default=True)  # missing: the kind's own question, not a generic one
    text: Annotated[str, BeforeValidator(lambda v: fields.clean_multiline(_text(v), "短信内容", TEXT_MAX,
                                                                          required=False))]


def _number_text(value) -> str | None:
    """A number as text or digits ("" for null); None for anything else (a list, an object, true)."""
    if value is None or isinstance(value, str):
        return value or ""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _mobile_text(value) -> str:
    text = _number_text(value)
    if text is None:
        raise ValueError("手机号应为文字或数字，如 13812345678")
    return text


class OptOutRequest(Request):
    """The number is checked by the service (an invalid one answers 422, as the ledger cannot hold it)."""

    mobile: Annotated[str, BeforeValidator(_mobile_text)] = ""


class BulkOptOutRequest(Request):
    # an item that is no number (a list, an object) is listed as invalid with the rest, not a refusal of the call
    mobiles: list[Annotated[str, BeforeValidator(lambda v: _number_text(v) or "")]]
