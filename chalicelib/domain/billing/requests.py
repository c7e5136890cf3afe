"""Request shapes of 交费管理: recording a payment, changing a tenant's fee plan. Messages say what to fix."""
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, ValidationInfo

from chalicelib.domain import fields
from chalicelib.domain.schemas import Request
from chalicelib.errors import ValidationFailed

METHODS = ("对公转账", "微信", "支付宝", "现金")
MAX_AMOUNT = Decimal(1_000_000)
MAX_PERIOD_DAYS = 3 * 365 + 1  # three years, one of them a leap year
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)  # a service period of this platform lies between


def _amount(value: Any) -> Decimal:
    if value is None or value == "" or isinstance(value, bool):
        raise ValueError("请填写金额（元）")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("金额应为数字，如 3600 或 3600.50") from None
    if not amount.is_finite() or not 0 < amount <= MAX_AMOUNT:
        raise ValueError("金额应大于 0 元且不超过 1,000,000 元")
    exponent = amount.as_tuple().exponent  # an int: the amount is finite
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError("金额最多保留两位小数")
    return amount


def _day(label: str, required: bool = True):
    def check(value: Any) -> date | None:
        if value in (None, ""):
            if required:
                raise ValueError(f"请填写{label}")
            return None
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{label}应为 YYYY-MM-DD 格式的日期，如 2027-01-01") from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(f"{label}应在 {FIRST_DAY} 至 {LAST_DAY} 之间")
        return day
    return AfterValidator(check)


def _note(value: Any) -> str:
    return fields.clean_multiline("" if value is None else str(value), "备注", 200, required=False)


def _receipt_no(value: Any) -> str:
    """Full-width letters and digits read as the same receipt number as their ASCII forms (Ｒ-1 is R-1)."""
    return fields.clean_text(unicodedata.normalize("NFKC", "" if value is None else str(value)), "收据号", 40)


def _method(value: Any) -> str:
    if value not in METHODS:
        raise ValueError(f"请选择付款方式（可选：{'、'.join(METHODS)}）")
    return value


def _fee_plan(value: Any, info: ValidationInfo) -> str:
    plans = (info.context or {}).get("fee_plans") or {}
    if value not in plans:
        raise ValueError(f"请选择收费套餐（可选：{'、'.join(plans.values())}）")
    return value


FeePlan = Annotated[Any, AfterValidator(_fee_plan)]


class PaymentRequest(Request):
    model_config = ConfigDict(extra="ignore", validate_default=True)

    amount_yuan: Annotated[Any, AfterValidator(_amount)] = None
    period_start: Annotated[Any, _day("服务开始日期")] = None
    period_end: Annotated[Any, _day("服务结束日期")] = None
    method: Annotated[Any, AfterValidator(_method)] = None
    receipt_no: Annotated[Any, AfterValidator(_receipt_no)] = None
    note: Annotated[Any, AfterValidator(_note)] = None
    fee_plan: FeePlan = None

    def model_post_init(self, _context) -> None:
        if self.period_end < self.period_start:
            _period_error("服务结束日期不能早于开始日期")
        if (self.period_end - self.period_start).days + 1 > MAX_PERIOD_DAYS:
            _period_error("一次登记的服务期最长 3 年，请分次登记")

    @property
    def amount_fen(self) -> int:
        return int(self.amount_yuan * 100)


def _period_error(message: str):
    raise ValidationFailed("提交的信息有误，请按提示修改", [{"field": "period_end", "message": message}])


class FeePlanRequest(Request):
    model_config = ConfigDict(extra="ignore", validate_default=True)

    fee_plan: FeePlan = None
    trial_ends: Annotated[Any, _day("试用截止日期", required=False)] = None
