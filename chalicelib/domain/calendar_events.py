"""Marketing events and their date rules (fixed date, lunar date, day of the month, or no date),
the next date each falls on, and the validation of the admin's event dictionary."""
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from lunardate import LunarDate

from chalicelib.domain.fields import INDUSTRIES, clean_text
from chalicelib.errors import ValidationFailed

FIXED, LUNAR, MONTHLY, NONE = "fixed", "lunar", "monthly", "none"
RULES = (FIXED, LUNAR, MONTHLY, NONE)
RULE_LABELS = {FIXED: "固定日期", LUNAR: "农历日期", MONTHLY: "每月固定日", NONE: "不限日期"}
MAX_EVENTS = 50
MAX_NAME = 20

DEFAULT_INDUSTRIES = INDUSTRIES
ALL_INDUSTRIES = "全部行业"


@dataclass(frozen=True)
class EventRule:
    name: str
    rule: str
    month: int | None = None
    day: int | None = None


# The everyday occasions first, then the festivals in calendar order.
DEFAULT_EVENTS = (
    EventRule("会员日", MONTHLY, None, 8),
    EventRule("慢病复购提醒", NONE),
    EventRule("换季健康", NONE),
    EventRule("生日关怀", NONE),
    EventRule("春节", LUNAR, 1, 1),
    EventRule("元宵", LUNAR, 1, 15),
    EventRule("妇女节", FIXED, 3, 8),
    EventRule("端午", LUNAR, 5, 5),
    EventRule("儿童节", FIXED, 6, 1),
    EventRule("中秋", LUNAR, 8, 15),
    EventRule("国庆", FIXED, 10, 1),
    EventRule("重阳", LUNAR, 9, 9),
    EventRule("双11", FIXED, 11, 11),
    EventRule("双12", FIXED, 12, 12),
)


def _solar(year: int, month: int, day: int) -> date:
    """The date, or the month's last day when the month is shorter (31st, 29 February)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """Lunar date in the ordinary (non-leap) month; a 30th the month lacks becomes its 29th."""
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:
        if day != 30:
            return None  # outside the years lunardate knows (1900–2099)
        return _lunar_to_solar(year, month, 29)


def _next_lunar(month: int, day: int, today: date) -> date | None:
    # A lunar year starts in January or February, so the next occurrence lies in one of these three.
    dates = (_lunar_to_solar(year, month, day) for year in (today.year - 1, today.year, today.year + 1))
    return min((d for d in dates if d is not None and d >= today), default=None)


def next_date(rule: EventRule, today: date) -> date | None:
    """The first date on or after `today` the event falls on; None for events without a date."""
    if rule.rule == FIXED and rule.month and rule.day:
        this_year = _solar(today.year, rule.month, rule.day)
        return this_year if this_year >= today else _solar(today.year + 1, rule.month, rule.day)
    if rule.rule == MONTHLY and rule.day:
        this_month = _solar(today.year, today.month, rule.day)
        if this_month >= today:
            return this_month
        following = today.replace(day=1) + timedelta(days=32)
        return _solar(following.year, following.month, rule.day)
    if rule.rule == LUNAR and rule.month and rule.day:
        return _next_lunar(rule.month, rule.day, today)
    return None


def upcoming(rules, today: date, within_days: int = 30) -> list[tuple[EventRule, date]]:
    """Events falling from today through today + within_days, soonest first."""
    last = today + timedelta(days=within_days)
    dated = ((rule, next_date(rule, today)) for rule in rules)
    return sorted(((rule, when) for rule, when in dated if when is not None and when <= last),
                  key=lambda pair: pair[1])


def rule_text(rule: EventRule) -> str:
    """The rule in words, e.g. 每月8日, 农历12月30日, 3月8日, 不限日期 (the audit log's before → after)."""
    if rule.rule == MONTHLY:
        return f"每月{rule.day}日"
    if rule.rule == LUNAR:
        return f"农历{rule.month}月{rule.day}日"
    if rule.rule == FIXED:
        return f"{rule.month}月{rule.day}日"
    return RULE_LABELS[NONE]


def rule_dict(rule: EventRule) -> dict:
    return {"name": rule.name, "rule": rule.rule, "month": rule.month, "day": rule.day}


# rule -> the (lowest, highest) month and day it takes; None where the rule takes no such field
_DATE_FIELDS = {FIXED: ((1, 12), (1, 31)), LUNAR: ((1, 12), (1, 30)), MONTHLY: (None, (1, 31)), NONE: (None, None)}


def parse_rules(items) -> list[EventRule]:
    """The admin's event dictionary as rules, or ValidationFailed naming every field to fix."""
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_EVENTS:
        message = f"活动列表须有 1–{MAX_EVENTS} 个活动"
        raise ValidationFailed(message, [{"field": "items", "message": message}])
    rules: list[EventRule | None] = []
    problems: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        rule, found = _parse_item(item, f"items[{index}]", seen)
        rules.append(rule)
        problems += found
    if problems:
        raise ValidationFailed(f"活动设置有 {len(problems)} 处需要修改，请按提示更正", problems)
    return [rule for rule in rules if rule is not None]


def _parse_item(item, prefix: str, seen: set) -> tuple[EventRule | None, list[dict]]:
    if not isinstance(item, dict):
        return None, [{"field": prefix, "message": "每个活动须填写名称和日期规则"}]
    name, problems = _name(item.get("name"), seen)
    kind, month, day = item.get("rule"), _blank_to_none(item.get("month")), _blank_to_none(item.get("day"))
    if kind not in RULES:
        problems["rule"] = "日期规则只能是：" + "、".join(RULE_LABELS.values())
    else:
        problems.update(_date_problems(kind, month, day))
    found = [{"field": f"{prefix}.{field}", "message": message} for field, message in problems.items()]
    return (None if found else EventRule(name, str(kind), month, day)), found


def _name(value, seen: set) -> tuple[str, dict]:
    try:
        name = clean_text(value if isinstance(value, str) else "", "活动名称", MAX_NAME)
    except ValueError as error:
        return "", {"name": str(error)}
    if name in seen:
        return name, {"name": f"活动名称“{name}”重复，请修改或删除重复的一行"}
    seen.add(name)
    return name, {}


def _date_problems(kind: str, month, day) -> dict:
    month_span, day_span = _DATE_FIELDS[kind]
    problems = {field: message for field, message in (
        ("month", _part_problem(month, month_span, "月份", kind)),
        ("day", _part_problem(day, day_span, "日期", kind))) if message}
    if kind == FIXED and not problems and day > calendar.monthrange(2024, month)[1]:  # 2024: 29 February exists
        problems["day"] = f"{month} 月没有 {day} 日，请填写真实的日期"
    return problems


def _part_problem(value, span: tuple[int, int] | None, label: str, kind: str) -> str | None:
    if span is None:
        return None if value is None else f"“{RULE_LABELS[kind]}”的活动不填写{label}，请清空"
    low, high = span
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"请填写 {low}–{high} 之间的{label}" + ("（农历）" if kind == LUNAR else "")
    return None


def _blank_to_none(value):
    return None if value in (None, "") else value
