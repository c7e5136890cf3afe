"""An independent reference for segment rules: the rule JSON read row by row with plain Python dates.

A customer here is a dict: customer_code, rfm_class (label), birthday / first_order / last_order (date or None),
order_count, total_fen, store, gender, region, mobile, sms_consent, tags (list), measures (dict of R/F/M and
scores, or None when not in the analysis in force), classes ({analysis_id: class name} where it was analysed).
"""
import calendar
from datetime import date, timedelta

CLASSES = ("重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
           "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户")
MOVE_ORDER = (*CLASSES, "无购买")


def selects(rules: dict, customer: dict, today: date) -> bool:
    (kind, items), = rules.items()
    results = [selects(item, customer, today) if "field" not in item else holds(item, customer, today)
               for item in items]
    return all(results) if kind == "all" else any(results)


def holds(condition: dict, customer: dict, today: date) -> bool:
    field, op, value = condition["field"], condition["op"], condition.get("value")
    if field == "tags":
        held = [has_tag(customer, name, today) for name in value]
        return {"contains_any": any(held), "contains_all": all(held), "contains_none": not any(held)}[op]
    if field == "has_mobile":
        return bool(customer["mobile"]) == (op == "is_true")
    if field == "sms_consent":
        return customer["sms_consent"] == (op == "is_true")
    if field == "moved":
        return moved(customer, value)
    if field == "region":
        return region(customer["region"], op, value)
    actual = current_value(field, customer, today)
    if actual is None:
        return False
    return compare(actual, op, wanted(field, value))


def has_tag(customer: dict, name: str, today: date) -> bool:
    if name in customer["tags"]:
        return True
    if name == "本月生日":
        return customer["birthday"] is not None and customer["birthday"].month == today.month
    if name == "新客":
        return customer["first_order"] is not None and customer["first_order"] > today - timedelta(days=30)
    return name == customer["rfm_class"]


def current_value(field: str, customer: dict, today: date):
    birthday = customer["birthday"]
    if field in ("r_score", "f_score", "m_score", "recency_days", "frequency"):
        return customer["measures"] and customer["measures"][field]
    if field == "monetary":
        return customer["measures"] and round(customer["measures"]["monetary_fen"])
    if field in ("birthday_month", "age", "birthday_within_days") and birthday is None:
        return None
    if field == "birthday_month":
        return birthday.month
    if field == "age":
        return today.year - birthday.year - ((today.month, today.day) < on_day(birthday, today.year))
    if field == "birthday_within_days":
        return days_to_birthday(birthday, today)
    if field == "first_order_date":
        return customer["first_order"]
    if field == "last_order_date":
        return customer["last_order"]
    if field in ("total_spent", "order_count"):
        return customer["total_fen" if field == "total_spent" else "order_count"]
    return customer[field] or None  # rfm_class, store, gender: blank is missing


def on_day(birthday: date, year: int) -> tuple[int, int]:
    """(month, day) of the birthday in `year`: 29 Feb is 28 Feb in a common year."""
    if (birthday.month, birthday.day) == (2, 29) and not calendar.isleap(year):
        return 2, 28
    return birthday.month, birthday.day


def days_to_birthday(birthday: date, today: date) -> int:
    for year in (today.year, today.year + 1):
        day = date(year, *on_day(birthday, year))
        if day >= today:
            return (day - today).days
    raise AssertionError("a birthday comes within a year")


def wanted(field: str, value):
    if isinstance(value, list):
        return [wanted(field, item) for item in value]
    if field in ("monetary", "total_spent"):
        return round(float(value) * 100)
    if field in ("first_order_date", "last_order_date"):
        return date.fromisoformat(value)
    return value


def compare(actual, op: str, value) -> bool:
    return {"eq": lambda: actual == value, "ne": lambda: actual != value, "in": lambda: actual in value,
            "not_in": lambda: actual not in value, "gte": lambda: actual >= value, "lte": lambda: actual <= value,
            "between": lambda: value[0] <= actual <= value[1]}[op]()


def region(actual: str, op: str, value) -> bool:
    if not actual:
        return False
    items = value if isinstance(value, list) else [value]
    if op.startswith("contains"):
        found = any(item in actual for item in items)
        return found if op == "contains_any" else not found
    found = any(actual.startswith(item) for item in items)
    return found if op in ("eq", "in") else not found


def moved(customer: dict, value: dict) -> bool:
    before = customer["classes"].get(value["from_analysis"], "无购买")
    after = customer["classes"].get(value["to_analysis"], "无购买")
    if before == after == "无购买":
        return False
    if value.get("from_class") and before != value["from_class"]:
        return False
    if value.get("to_class") and after != value["to_class"]:
        return False
    direction = value.get("direction")
    if direction:
        up = MOVE_ORDER.index(after) < MOVE_ORDER.index(before)
        down = MOVE_ORDER.index(after) > MOVE_ORDER.index(before)
        return up if direction == "up" else down
    return True
