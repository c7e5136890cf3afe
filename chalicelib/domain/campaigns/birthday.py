"""Whose birthday is today, for the daily 生日关怀 campaign (29 Feb birthdays fall on 28 Feb in common years)."""
from datetime import date

import numpy as np

from chalicelib.domain.customer_columns import MISSING_DAY
from chalicelib.domain.segments.birthdays import civil, in_year

_EPOCH = date(1970, 1, 1)


def birthday_today(birthdays: np.ndarray, today: date) -> np.ndarray:
    """True for customers whose birthday (day numbers, MISSING_DAY for none) falls on `today`."""
    birthdays = np.asarray(birthdays, dtype=np.int64)
    known = birthdays != MISSING_DAY
    _, months, doms = civil(np.where(known, birthdays, 0))
    return known & (in_year(months, doms, today.year) == (today - _EPOCH).days)
