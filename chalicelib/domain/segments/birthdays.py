"""Birthdays over day-number columns, vectorised: month, the next birthday within N days, age.

A 29 February birthday falls on 28 February in years without one: the customer still gets a
birthday that year (a greeting on 28 Feb rather than none), and turns a year older that day.
Callers mask out MISSING_DAY rows; their values here are meaningless but harmless.
"""
import numpy as np


def civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month 1-12, day of month 1-31) of day numbers."""
    on = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month = on.astype("datetime64[M]")
    years = month.astype("datetime64[Y]").astype(np.int64) + 1970
    months = month.astype(np.int64) % 12 + 1
    doms = (on - month.astype("datetime64[D]")).astype(np.int64) + 1
    return years, months, doms


def in_year(months: np.ndarray, doms: np.ndarray, years) -> np.ndarray:
    """Day number of the birthday (month, day) in `years`; 29 Feb -> 28 Feb in a common year."""
    month = ((np.asarray(years, dtype=np.int64) - 1970) * 12 + months - 1).astype("datetime64[M]")
    first = month.astype("datetime64[D]").astype(np.int64)
    length = (month + 1).astype("datetime64[D]").astype(np.int64) - first
    return first + np.minimum(doms, length) - 1


def month_of(birthdays: np.ndarray) -> np.ndarray:
    """Month 1-12 of day numbers (one conversion: a count over a million birthdays needs nothing else)."""
    months = np.asarray(birthdays, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]")
    return months.astype(np.int64) % 12 + 1


def days_until_next(birthdays: np.ndarray, today: int) -> np.ndarray:
    """Days from today to the next birthday (0 = today), across month and year ends."""
    _, months, doms = civil(birthdays)
    year = int(civil(np.array([today]))[0][0])
    this_year = in_year(months, doms, year)
    upcoming = np.where(this_year < today, in_year(months, doms, year + 1), this_year)
    return upcoming - today


def age_at(birthdays: np.ndarray, today: int) -> np.ndarray:
    """Whole years completed at today."""
    years, months, doms = civil(birthdays)
    year = int(civil(np.array([today]))[0][0])
    return year - years - (in_year(months, doms, year) > today)
