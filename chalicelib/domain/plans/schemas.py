"""Plan requests: field limits and messages that say what to fix."""
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from chalicelib.domain import fields
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.domain.schemas import Request, Str

MAX_PRICE_FEN = 9_999_999
DOCX_SUFFIX = ".docx"


def _text(label: str, max_length: int, min_length: int = 1, required: bool = True):
    def check(value: str) -> str:
        text = fields.clean_text(value, label, max_length, required)
        if text and len(text) < min_length:
            raise ValueError(f"{label}至少 {min_length} 个字")
        return text
    return AfterValidator(check)


def _multiline(label: str, max_length: int, required: bool):
    return AfterValidator(lambda value: fields.clean_multiline(value, label, max_length, required))


def _classes(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ValueError("请至少选择一个目标客户分类")
    unknown = [v for v in value if v not in CLASS_NAMES]
    if unknown:
        raise ValueError(f"未知的客户分类：{'、'.join(map(str, unknown[:3]))}")
    return [name for name in CLASS_NAMES if name in value]  # in class order, without repeats


def _price(value: Any) -> Decimal:
    try:
        price = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise ValueError("价格应为数字，例如 99 或 99.50") from None
    if not price.is_finite() or price < 0 or price * 100 != int(price * 100):
        raise ValueError("价格应为不小于 0 的金额，最多两位小数")
    if price * 100 > MAX_PRICE_FEN:
        raise ValueError("价格不能超过 ¥99999.99")
    return price


def _docx_name(value: str) -> str:
    name = fields.clean_text(value, "文件名", 200)
    if not name.lower().endswith(DOCX_SUFFIX):
        raise ValueError("附件只支持 Word 文档（.docx），请在 Word 中“另存为 .docx”后上传")
    return name


class PlanRequest(Request):
    name: Annotated[Str, _text("方案名称", 40, min_length=2)]
    industry: Annotated[Str, _text("行业", 20)]
    event: Annotated[Str, _text("活动", 20)]
    target_classes: Annotated[Any, AfterValidator(_classes)]
    summary: Annotated[Str, _text("一句话简介", 80)]
    description: Annotated[Str, _multiline("方案说明", 2000, required=False)] = ""
    sms_text: Annotated[Str, _multiline("短信文案", 500, required=True)]
    shared: bool = True
    price_yuan: Annotated[Any, BeforeValidator(_price)] = Decimal(0)
    attachment_key: Annotated[Str, _text("附件", 200, required=False)] = ""

    @property
    def price_fen(self) -> int:
        return int(self.price_yuan * 100)


class AttachmentUploadRequest(Request):
    filename: Annotated[Str, AfterValidator(_docx_name)]
    size: int
