"""One condition over the customer columns: a boolean per row, vectorised (no loop over rows).

A condition on a value the customer lacks (no birthday, no order yet, not in the analysis in
force, blank store or gender) matches no one whatever the operator, so "不等于 男" never picks
customers whose gender is unknown; 标签 is a set, and an empty set is a value.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from chalicelib.domain.customer_columns import MISSING_DAY
from chalicelib.domain.segments import birthdays
from chalicelib.domain.segments.fields import MOVE_POSITIONS
from chalicelib.domain.segments.rules import Condition
from chalicelib.errors import SegmentStale

NO_PURCHASE_POSITION = len(MOVE_POSITIONS) - 1
MEASURES = ("recency_days", "frequency", "monetary_fen", "r_score", "f_score", "m_score")
COLUMN_OF = {"rfm_class": "rfm_class", "first_order_date": "first_order_day", "last_order_date": "last_order_day",
             "order_count": "order_count", "total_spent": "total_fen", "store": "store", "gender": "gender",
             "birthday_month": "birthday", "birthday_within_days": "birthday", "age": "birthday",
             "region": "region", "has_mobile": "mobile", "sms_consent": "sms_consent"}
MEASURE_OF = {"recency_days": "recency_days", "frequency": "frequency", "monetary": "monetary_fen",
              "r_score": "r_score", "f_score": "f_score", "m_score": "m_score"}


@dataclass(frozen=True)
class Context:
    """What the rules are evaluated against besides the columns."""

    today: int  # China date, day number
    # R/F/M of the analysis in force, aligned to the rows; a row absent from it has r_score 0. None: no analysis.
    measures: Mapping[str, np.ndarray] | None = None
    # analysis_id -> move position per row (0-7 class, 8 无购买) for the analyses `moved` conditions name
    positions: Mapping[str, np.ndarray] = field(default_factory=dict)


def condition_mask(condition: Condition, cols: Mapping, context: Context, rows: int) -> np.ndarray:
    if condition.field in MEASURE_OF:
        return _measure(condition, context, rows)
    if condition.field == "moved":
        return _moved(condition, context, rows)
    if condition.field in ("has_mobile", "sms_consent"):
        present = _filled(cols, "mobile") if condition.field == "has_mobile" else cols["sms_consent"].astype(bool)
        return present if condition.op == "is_true" else ~present
    values = cols[COLUMN_OF[condition.field]]
    if condition.field in ("birthday_month", "birthday_within_days", "age"):
        return _birthday(condition, values, context.today)
    if condition.field == "region":
        return _region(condition, values)
    return compare(values, condition.op, condition.value) & _present(values)


def stored(cols: Mapping, name: str) -> np.ndarray:
    """A column as stored: text stays UTF-8 bytes when the columns offer them (decoding a million costs more
    than the rest of a count)."""
    return cols.raw(name) if hasattr(cols, "raw") else cols[name]


def _filled(cols: Mapping, name: str) -> np.ndarray:
    """Rows whose text column is not blank."""
    values = stored(cols, name)
    return values != (b"" if values.dtype.kind == "S" else "")


def compare(values: np.ndarray, op: str, value) -> np.ndarray:
    if op == "eq":
        return values == value
    if op == "ne":
        return values != value
    if op in ("in", "not_in"):
        found = np.isin(values, np.asarray(value))
        return found if op == "in" else ~found
    if op == "gte":
        return values >= value
    if op == "lte":
        return values <= value
    low, high = value  # between, both ends included
    return (values >= low) & (values <= high)


def _present(values: np.ndarray) -> np.ndarray:
    """Rows holding a value: blank text and MISSING_DAY are missing (no count or sum is ever int32-min)."""
    if values.dtype.kind == "U":
        return values != ""
    return values != MISSING_DAY if values.dtype == np.int32 else np.ones(len(values), dtype=bool)


def _measure(condition: Condition, context: Context, rows: int) -> np.ndarray:
    if context.measures is None:
        return np.zeros(rows, dtype=bool)  # no analysis saved yet: nobody has R/F/M
    values = context.measures[MEASURE_OF[condition.field]]
    if condition.field == "monetary":
        values = np.rint(values)  # compared in whole fen, as shown (yuan with two decimals)
    return compare(values, condition.op, condition.value) & (context.measures["r_score"] > 0)


def _birthday(condition: Condition, values: np.ndarray, today: int) -> np.ndarray:
    known = values != MISSING_DAY
    if condition.field == "birthday_within_days":
        return (birthdays.days_until_next(values, today) <= condition.value) & known
    derived = birthdays.month_of(values) if condition.field == "birthday_month" else birthdays.age_at(values, today)
    return compare(derived, condition.op, condition.value) & known


def _region(condition: Condition, values: np.ndarray) -> np.ndarray:
    """eq/in: the region or one inside it (广东省 takes 广东省/深圳市); contains_*: the text appears anywhere."""
    items = condition.value if isinstance(condition.value, tuple) else (condition.value,)
    test = np.strings.find if condition.op.startswith("contains") else np.strings.startswith
    found = np.zeros(len(values), dtype=bool)
    for item in items:
        hit = test(values, item)
        found |= hit >= 0 if test is np.strings.find else hit
    inside = not condition.op.startswith("not") and condition.op not in ("ne", "contains_none")
    return (found if inside else ~found) & (values != "")


def _moved(condition: Condition, context: Context, rows: int) -> np.ndarray:
    move = condition.value
    before, after = (_positions(context, analysis_id, condition) for analysis_id in
                     (move.from_analysis, move.to_analysis))
    chosen = ~((before == NO_PURCHASE_POSITION) & (after == NO_PURCHASE_POSITION))  # in neither: not a move
    if move.from_position is not None:
        chosen &= before == move.from_position
    if move.to_position is not None:
        chosen &= after == move.to_position
    if move.direction:
        chosen &= (after < before) if move.direction == "up" else (after > before)
    return chosen


def _positions(context: Context, analysis_id: str, condition: Condition) -> np.ndarray:
    if analysis_id not in context.positions:
        raise SegmentStale(f"条件{condition.label}用到的分析已被删除，请重新选择要比较的两次分析",
                           [{"path": f"{condition.path}.value", "message": "该分析已被删除"}])
    return context.positions[analysis_id]
