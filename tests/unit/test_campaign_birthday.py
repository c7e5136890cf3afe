"""Whose birthday is today: 29 February on 28 February in common years, across month and year ends."""
from datetime import date

import numpy as np
import pytest

from chalicelib.domain.campaigns.birthday import birthday_today
from chalicelib.domain.customer_columns import MISSING_DAY, day_number


def born(*texts) -> np.ndarray:
    return np.array([day_number(text) if text else MISSING_DAY for text in texts], dtype=np.int32)


BIRTHDAYS = born("1990-02-28", "1992-02-29", "1985-03-01", "1970-12-31", "2000-01-01", "", "1988-06-15")


@pytest.mark.parametrize(("today", "who"), [
    (date(2027, 2, 28), [0, 1]),      # common year: 29 Feb birthdays are kept on 28 Feb
    (date(2027, 3, 1), [2]),
    (date(2028, 2, 28), [0]),         # leap year: 29 Feb birthdays wait for their own day
    (date(2028, 2, 29), [1]),
    (date(2028, 3, 1), [2]),
    (date(2026, 12, 31), [3]),
    (date(2027, 1, 1), [4]),
    (date(2026, 6, 15), [6]),
    (date(2026, 6, 16), []),
])
def test_birthdays_fall_on_their_day_each_year(today, who):
    assert list(np.flatnonzero(birthday_today(BIRTHDAYS, today))) == who


def test_customers_without_a_birthday_never_match():
    assert not birthday_today(born("", ""), date(1970, 1, 1)).any()


def test_a_birthday_before_1970_matches_too():
    assert birthday_today(born("1955-08-08"), date(2026, 8, 8)).tolist() == [True]


def test_an_empty_list_matches_no_one():
    assert birthday_today(np.array([], dtype=np.int32), date(2026, 8, 8)).shape == (0,)
