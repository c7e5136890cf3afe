"""An independent reference for event dates: walk day by day from today until a day matches the rule."""
import calendar
from datetime import date, timedelta

from lunardate import LunarDate


def _matches_day(day: int, wanted: int, month_length: int) -> bool:
    return day == wanted or (wanted > month_length and day == month_length)


def _matches(rule, d: date) -> bool:
    if rule.rule == "fixed":
        return d.month == rule.month and _matches_day(d.day, rule.day, calendar.monthrange(d.year, d.month)[1])
    if rule.rule == "monthly":
        return _matches_day(d.day, rule.day, calendar.monthrange(d.year, d.month)[1])
    lunar = LunarDate.from_solar_date(d.year, d.month, d.day)
    if lunar.is_leap_month or lunar.month != rule.month:
        return False
    month_length = 29 if LunarDate.from_solar_date(*(d + timedelta(days=1)).timetuple()[:3]).day == 1 else 30
    return _matches_day(lunar.day, rule.day, month_length)


def reference_next_date(rule, today: date) -> date | None:
    if rule.rule == "none":
        return None
    for offset in range(400):
        if _matches(rule, today + timedelta(days=offset)):
            return today + timedelta(days=offset)
    raise AssertionError(f"{rule} did not occur within 400 days of {today}")
