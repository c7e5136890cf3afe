"""What a segment condition may ask about: each field's label, operators and value type.

A value is checked and turned into the form the evaluator compares: class names into their
index, yuan into fen, dates into day numbers, tag and store names kept as text. `check_value`
raises ValueError with the Chinese reason; rules.py adds the path.
"""
import math
from dataclasses import dataclass
from datetime import date

from chalicelib.domain.customer_columns import day_number
from chalicelib.domain.rfm_classes import CLASS_LABELS, CLASS_NAMES, NO_PURCHASE

EQUALITY = ("eq", "ne", "in", "not_in")
RANGE = ("gte", "lte", "between")
NUMBER_OPS = (*EQUALITY, *RANGE)
TAG_OPS = ("contains_any", "contains_all", "contains_none")
FLAG_OPS = ("is_true", "is_false")
LIST_OPS = ("in", "not_in", *TAG_OPS)
OP_LABELS = {"eq": "等于", "ne": "不等于", "in": "属于", "not_in": "不属于", "gte": "大于等于", "lte": "小于等于",
             "between": "介于", "contains_any": "包含任一", "contains_all": "包含全部", "contains_none": "都不包含",
             "is_true": "是", "is_false": "否"}
MAX_LIST_ITEMS = 100
MAX_TEXT_LENGTH = 50
MAX_TAG_LENGTH = 20
MAX_YUAN = 1_000_000_000
MOVE_POSITIONS = (*CLASS_NAMES, NO_PURCHASE)  # a customer absent from an analysis is 无购买 there


@dataclass(frozen=True)
class Field:
    label: str
    ops: tuple
    value: str  # one of the value kinds below
    low: int = 0
    high: int = 0


FIELDS = {
    "rfm_class": Field("当前分类", EQUALITY, "class"),
    "r_score": Field("R 评分", NUMBER_OPS, "int", 1, 5),
    "f_score": Field("F 评分", NUMBER_OPS, "int", 1, 5),
    "m_score": Field("M 评分", NUMBER_OPS, "int", 1, 5),
    "recency_days": Field("最近消费距今（天）", NUMBER_OPS, "int", 0, 100_000),
    "frequency": Field("消费次数", NUMBER_OPS, "int", 0, 100_000_000),
    "monetary": Field("消费金额（元）", NUMBER_OPS, "yuan"),
    "first_order_date": Field("首次消费日期", NUMBER_OPS, "date"),
    "last_order_date": Field("最近消费日期", NUMBER_OPS, "date"),
    "order_count": Field("累计订单数", NUMBER_OPS, "int", 0, 100_000_000),
    "total_spent": Field("累计消费（元）", NUMBER_OPS, "yuan"),
    "store": Field("所属门店", EQUALITY, "text"),
    "tags": Field("标签", TAG_OPS, "tag"),
    "birthday_month": Field("生日月份", NUMBER_OPS, "int", 1, 12),
    "birthday_within_days": Field("未来 N 天内过生日", ("lte",), "int", 0, 366),
    "region": Field("地区", (*EQUALITY, "contains_any", "contains_none"), "text"),
    "gender": Field("性别", EQUALITY, "gender"),
    "age": Field("年龄", NUMBER_OPS, "int", 0, 150),
    "has_mobile": Field("有手机号", FLAG_OPS, "none"),
    "sms_consent": Field("同意接收短信", FLAG_OPS, "none"),
    "moved": Field("分类迁移", ("eq",), "move"),
}


def check_value(field: Field, op: str, value):
    """The value in comparable form; ValueError(reason) when it does not fit the field and operator."""
    if op in FLAG_OPS:
        return None
    if op in LIST_OPS:
        if not isinstance(value, list) or not value:
            raise ValueError(f"{OP_LABELS[op]}需要至少选择一项")
        if len(value) > MAX_LIST_ITEMS:
            raise ValueError(f"最多选择 {MAX_LIST_ITEMS} 项")
        return tuple(dict.fromkeys(_scalar(field, item) for item in value))
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError("介于需要填写起止两个值")
        low, high = (_scalar(field, item) for item in value)
        if low > high:
            raise ValueError("起始值不能大于结束值")
        return low, high
    return _scalar(field, value)


def _scalar(field: Field, value):
    return _PARSERS[field.value](field, value)


def _integer(field: Field, value) -> int:
    number = _number(value)
    if number is None or number != int(number) or not field.low <= number <= field.high:
        raise ValueError(f"应为 {field.low} 到 {field.high:,} 之间的整数")
    return int(number)


def _fen(_field: Field, value) -> int:
    number = _number(value)
    if number is None or not 0 <= number <= MAX_YUAN:
        raise ValueError(f"应为 0 到 {MAX_YUAN:,} 之间的金额（元）")
    fen = round(number * 100, 6)
    if fen != int(fen):
        raise ValueError("金额最多保留两位小数")
    return int(fen)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


def _day(_field: Field, value) -> int:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return day_number(date.fromisoformat(value).isoformat())
    except ValueError:
        raise ValueError("日期格式应为 YYYY-MM-DD，例如 2024-06-01") from None


def _text(field: Field, value) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"请填写{field.label}（1 到 {MAX_TEXT_LENGTH} 个字）")
    return text


def _tag(_field: Field, value) -> str:
    return check_tag(value)


def check_tag(value) -> str:
    """A tag name as stored: 1-20 characters, no commas (commas separate tags in files)."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_TAG_LENGTH:
        raise ValueError(f"标签应为 1 到 {MAX_TAG_LENGTH} 个字")
    if any(mark in text for mark in ",，"):
        raise ValueError(f"标签“{text}”不能包含逗号")
    return text


def _choice(options: tuple, label: str):
    def parse(_field: Field, value) -> str:
        if value not in options:
            raise ValueError(f"{label}只能是：{'、'.join(options)}")
        return value
    return parse


def _class(field: Field, value) -> int:
    return CLASS_LABELS.index(_choice(CLASS_LABELS, "客户分类")(field, value))


def _move(_field: Field, value) -> "Move":
    if not isinstance(value, dict):
        raise ValueError("请选择迁移的两次分析")
    unknown = set(value) - {"from_analysis", "to_analysis", "from_class", "to_class", "direction"}
    if unknown:
        raise ValueError(f"不认识的迁移条件：{'、'.join(sorted(unknown))}")
    ids = [value.get(name) for name in ("from_analysis", "to_analysis")]
    if not all(isinstance(i, str) and i.strip() for i in ids):
        raise ValueError("请选择迁移前和迁移后的两次分析")
    if ids[0] == ids[1]:
        raise ValueError("迁移前后应是两次不同的分析")
    positions = [_move_position(value.get(name)) for name in ("from_class", "to_class")]
    direction = value.get("direction") or ""
    if direction not in ("", "up", "down"):
        raise ValueError("迁移方向只能是 up（上升）或 down（下降）")
    return Move(str(ids[0]).strip(), str(ids[1]).strip(), positions[0], positions[1], direction)


def _move_position(name) -> int | None:
    """Position in the comparison matrix (8 = 无购买); None = any class."""
    if name in (None, ""):
        return None
    return MOVE_POSITIONS.index(_choice(MOVE_POSITIONS, "迁移的分类")(None, name))


@dataclass(frozen=True)
class Move:
    from_analysis: str
    to_analysis: str
    from_position: int | None
    to_position: int | None
    direction: str  # "", "up" (to a better position) or "down"


_PARSERS = {"int": _integer, "yuan": _fen, "date": _day, "text": _text, "tag": _tag, "class": _class,
            "gender": _choice(("男", "女"), "性别"), "move": _move}
