"""Checking the admin's 套餐与价格 (fee plans) and 平台设置 (settings); each message names the entry and field.

Raises ValueError carrying a list of {"field", "message"} problems (args[0]); the service turns it into a
ValidationFailed.
"""
import re
from decimal import Decimal, InvalidOperation

from chalicelib.domain.fields import clean_text, normalize_mobile

BUILT_IN_PLANS = ("trial", "standard", "pro")
MAX_PLANS = 20
PLAN_NUMBERS = {  # field: (label, lowest, highest)
    "months": ("时长（月）", 1, 36), "customer_limit": ("客户数上限", 1, 10_000_000),
    "sms_per_month": ("每月短信条数", 1, 10_000_000)}  # it is the monthly cap: 0 would read as "not set"
SETTING_NUMBERS = {
    "trial_days": ("试用天数", 1, 365), "grace_days": ("宽限天数", 0, 60),
    "sms_price_li": ("营销短信单价（厘/条）", 1, 1000), "sms_daily_cap": ("默认每日短信上限", 1, 10_000_000),
    "sms_monthly_cap": ("默认每月短信上限", 1, 100_000_000)}
_CODE = re.compile(r"[a-z][a-z0-9_]{1,19}")
_PHONE = re.compile(r"(?:[48]00-?\d{3}-?\d{4}|0\d{2,3}-?\d{7,8}|1[3-9]\d{9})")
MAX_PRICE_YUAN = Decimal(1_000_000)


def check_fee_plans(items) -> list[dict]:
    """The plans as stored (the built-in codes must stay; the service checks codes in use by tenants)."""
    if not isinstance(items, list) or not items:
        raise ValueError([{"field": "items", "message": "请提交套餐列表（至少一个套餐）"}])
    problems, plans = [], []
    for index, item in enumerate(items):
        plan, wrong = _plan(index, item if isinstance(item, dict) else {})
        problems += wrong
        plans.append(plan)
    problems += _duplicates(plans, "code", "套餐代码") + _duplicates(plans, "name", "套餐名称")
    codes = {plan.get("code") for plan in plans}
    for code in BUILT_IN_PLANS:
        if code not in codes:
            problems.append({"field": "items", "message": f"内置套餐 {code} 不能删除（可修改名称、价格和额度）"})
    if len(plans) > MAX_PLANS:
        problems.append({"field": "items", "message": f"套餐最多 {MAX_PLANS} 个"})
    if problems:
        raise ValueError(problems)
    return plans


def removed_codes(before: list[dict], after: list[dict]) -> list[str]:
    kept = {plan["code"] for plan in after}
    return [plan["code"] for plan in before if plan["code"] not in kept]


def _plan(index: int, item: dict) -> tuple[dict, list[dict]]:
    where = f"第 {index + 1} 个套餐"
    plan: dict[str, object] = {}
    problems: list[dict] = []

    def problem(field: str, message: str) -> None:
        problems.append({"field": f"items[{index}].{field}", "message": f"{where}：{message}"})

    code = str(item.get("code") or "").strip()
    if not _CODE.fullmatch(code):
        problem("code", "套餐代码应为 2-20 位小写字母、数字或下划线，以字母开头")
    plan["code"] = code
    try:
        plan["name"] = clean_text(str(item.get("name") or ""), "套餐名称", 20)
    except ValueError as error:
        problem("name", str(error))
    try:
        plan["price_yuan"] = _yuan(item.get("price_yuan"))
    except ValueError as error:
        problem("price_yuan", str(error))
    for field, (label, low, high) in PLAN_NUMBERS.items():
        try:
            plan[field] = _whole(item.get(field), label, low, high)
        except ValueError as error:
            problem(field, str(error))
    return plan, problems


def _duplicates(plans: list[dict], field: str, label: str) -> list[dict]:
    seen, problems = set(), []
    for index, plan in enumerate(plans):
        value = plan.get(field)
        if value and value in seen:
            problems.append({"field": f"items[{index}].{field}",
                             "message": f"第 {index + 1} 个套餐：{label}“{value}”与前面的套餐重复"})
        seen.add(value)
    return problems


def check_settings(values, current: dict) -> dict:
    """The settings as stored: `values` over `current` (a key not sent keeps its value)."""
    if not isinstance(values, dict):
        raise ValueError([{"field": "items", "message": "请提交平台设置"}])
    merged, checked = {**current, **values}, {}
    known = {"contact_phone", "remind_days", "staff_digest_mobiles", *SETTING_NUMBERS}
    problems = [{"field": f"items.{key}", "message": f"平台设置：没有“{key}”这一项"} for key in values if key not in known]

    def attempt(field: str, check) -> None:
        try:
            checked[field] = check(merged.get(field))
        except ValueError as error:
            problems.append({"field": field, "message": f"平台设置：{error}"})

    attempt("contact_phone", _contact_phone)
    for field, (label, low, high) in SETTING_NUMBERS.items():
        attempt(field, lambda value, label=label, low=low, high=high: _whole(value, label, low, high))
    attempt("remind_days", _remind_days)
    attempt("staff_digest_mobiles", _digest_mobiles)
    if not problems and checked["sms_monthly_cap"] < checked["sms_daily_cap"]:
        problems.append({"field": "sms_monthly_cap", "message": "平台设置：默认每月短信上限不能小于每日上限"})
    if problems:
        raise ValueError(problems)
    return checked


def _contact_phone(value) -> str:
    text = re.sub(r"\s", "", str(value or ""))
    if not _PHONE.fullmatch(text):
        raise ValueError("平台联系电话应为手机号、400/800 号码（如 400-800-1234）或带区号的座机")
    return text


def _remind_days(value) -> list[int]:
    if not isinstance(value, list) or not 1 <= len(value) <= 3:
        raise ValueError("到期提醒天数应为 1-3 个天数，如 15、5")
    days = sorted({_whole(day, "到期提醒天数", 1, 60) for day in value}, reverse=True)
    if len(days) != len(value):
        raise ValueError("到期提醒天数不能重复")
    return days


def _digest_mobiles(value) -> list[str]:
    if not isinstance(value, list) or len(value) > 5:
        raise ValueError("运营日报接收手机最多 5 个")
    mobiles = []
    for number in value:
        try:
            mobile = normalize_mobile(str(number))
        except ValueError:
            raise ValueError(f"运营日报接收手机“{number}”不是有效的中国大陆手机号") from None
        if mobile in mobiles:
            raise ValueError(f"运营日报接收手机“{mobile}”重复")
        mobiles.append(mobile)
    return mobiles


def _whole(value, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)) or str(value).strip() == "":
        raise ValueError(f"请填写{label}（{low}-{high} 的整数）")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{label}应为 {low}-{high} 的整数") from None
    if not number.is_finite() or number != number.to_integral_value() or not low <= number <= high:
        raise ValueError(f"{label}应为 {low}-{high} 的整数")
    return int(number)


def _yuan(value) -> float | int:
    try:
        amount = Decimal(str(value).strip()) if isinstance(value, (int, float, str)) and value != "" else None
    except InvalidOperation:
        amount = None
    if amount is None or isinstance(value, bool) or not amount.is_finite() or not 0 <= amount <= MAX_PRICE_YUAN:
        raise ValueError(f"价格应为 0-{MAX_PRICE_YUAN} 元")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError("价格最多保留两位小数")
    return int(amount) if amount == amount.to_integral_value() else float(amount)
