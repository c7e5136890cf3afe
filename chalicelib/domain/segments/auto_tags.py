"""Automatic tags: names that follow rules instead of being set by hand, each defined as a condition.

They are never stored: a customer has one whenever its condition holds, so they are current after
every import and analysis. A tags condition naming one (`tags contains_any ["新客"]`) uses it.
"""
from collections.abc import Mapping

import numpy as np

from chalicelib.domain.rfm_classes import CLASS_LABELS, CLASS_NAMES
from chalicelib.domain.segments import birthdays
from chalicelib.domain.segments.masks import Context, condition_mask
from chalicelib.domain.segments.rules import Condition

BIRTHDAY_THIS_MONTH = "本月生日"
NEW_CUSTOMER = "新客"
NEW_CUSTOMER_DAYS = 30  # first order today or in the 29 days before
AUTO_TAGS = (BIRTHDAY_THIS_MONTH, NEW_CUSTOMER, *CLASS_NAMES)  # each current class name is one
COLUMNS = ("birthday", "first_order_day", "rfm_class")  # what their conditions read


def condition_of(name: str, today: int, path: str = "") -> Condition | None:
    """The condition behind an automatic tag; None for a name that is not one."""
    if name == BIRTHDAY_THIS_MONTH:
        return Condition("birthday_month", "eq", int(birthdays.month_of(np.array([today]))[0]), path)
    if name == NEW_CUSTOMER:
        return Condition("first_order_date", "gte", today - NEW_CUSTOMER_DAYS + 1, path)
    if name in CLASS_NAMES:
        return Condition("rfm_class", "eq", CLASS_LABELS.index(name), path)
    return None


def tag_lists(cols: Mapping, today: int) -> list[list[str]]:
    """The automatic tags of each row of `cols` (which holds COLUMNS), e.g. for one page of customers."""
    rows = len(cols["rfm_class"])
    context = Context(today)
    conditions = [(name, condition_of(name, today)) for name in AUTO_TAGS]
    held = [(name, condition_mask(condition, cols, context, rows)) for name, condition in conditions if condition]
    return [[name for name, mask in held if mask[row]] for row in range(rows)]
