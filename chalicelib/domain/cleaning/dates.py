"""Dates and times as users type them, parsed to wall-clock datetime64[s] (no time zone).

Cells in the common fixed layouts are parsed with numpy first (date_layouts); everything else
-- and every judgement of what is wrong -- is the general parsing below.

Accepted: Excel date/datetime cells; Excel serial numbers inside the allowed range (at least
five digits, so a bare year is never read as a serial); 2026-03-01, 2026/3/1, 2026.3.1,
2026年3月1日, 20260301, 20260301140509, each optionally followed by a time 14:05, 14:05:09,
14时05分 (a "T" between date and time is fine, fractions of a second are dropped). Always
year-month-day: day-first spellings like 01/03/2026 are ambiguous and rejected.
"""
import re
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.date_layouts import parse_layouts
from chalicelib.domain.cleaning.issues import Problems
from chalicelib.domain.cleaning.packed import Packed
from chalicelib.domain.cleaning.text import BLANK, MOMENT, NUMBER, TEXT, cell_kinds, fold_text, objects

CHINA = timezone(timedelta(hours=8))  # no daylight saving since 1991: a fixed offset, no tz database
NAT = np.datetime64("NaT", "s")
EXCEL_EPOCH = np.datetime64("1899-12-30", "D")  # serial 0 (Excel's 1900 leap-year bug included)
MIN_SERIAL = 10_000  # 1927-05-18: five digits, so "1985" is never taken for a serial

_SNIFF = re.compile(r"(\d{4})([-/.])\d{1,2}\2\d{1,2}(?:([ T])\d{1,2}:\d{1,2}(:\d{1,2})?)?")
_SPELLED = re.compile(
    r"(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<hour>\d{1,2})\s*[:时]\s*(?P<minute>\d{1,2})\s*"
    r"(?:[:分]\s*(?P<second>\d{1,2})(?:\.\d*)?\s*秒?|分)?)?")
_COMPACT = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:[\sT]*(?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2}))?)?")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")


def china_today() -> date:
    return datetime.now(CHINA).date()


def parse_times(values, label: str, earliest: date, latest: date, example: str,
                required: bool = False, packed: Packed | None = None) -> tuple[np.ndarray, Problems]:
    """Wall-clock datetime64[s] (NaT where blank or wrong) and the problems found. `packed`: the
    column's cells as bytes, when the reader has them; then `values` may be None (decoded as needed)."""
    column = None if values is None else objects(values)
    out, done = parse_layouts(column, packed)  # the common fixed layouts, with numpy
    unknown, invalid, blank = np.zeros((3, len(out)), dtype=bool)
    serials = (max(MIN_SERIAL, _serial(earliest)), _serial(latest) + 1)
    if not done.all():
        rest = np.flatnonzero(~done)
        cells = packed.texts(rest) if column is None else column[rest]  # type: ignore[union-attr]  # callers give the cells or their packed form
        out[rest], unknown[rest], invalid[rest], blank[rest] = _from_cells(cells, serials)
    low, high = np.datetime64(earliest, "s"), np.datetime64(latest, "s") + np.timedelta64(86399, "s")
    outside = ~(blank | unknown | invalid) & ~((out >= low) & (out <= high))
    problems = {
        f"{label}不能为空，请填写": blank if required else np.zeros(len(out), dtype=bool),
        f"{label}格式不正确，请按年-月-日填写，如 {example}": unknown,
        f"{label}不是有效的日期或时间（如 2 月 30 日、25 点），请检查": invalid,
        f"{label}须在 {earliest:%Y-%m-%d} 至 {latest:%Y-%m-%d} 之间": outside,
    }
    out[unknown | invalid | outside] = NAT
    return out, problems


def _from_cells(column: np.ndarray, serials: tuple[int, int]):
    """(values, unrecognised, impossible, blank) of cells of any kind."""
    kinds = cell_kinds(column)
    out = np.full(len(column), NAT)
    unknown = ~np.isin(kinds, (BLANK, TEXT, NUMBER, MOMENT))
    invalid = np.zeros(len(column), dtype=bool)
    if (moment := kinds == MOMENT).any():
        out[moment] = pd.to_datetime(column[moment], errors="coerce").to_numpy().astype("M8[s]")
    if (number := kinds == NUMBER).any():
        out[number], unknown[number], invalid[number] = _from_numbers(column[number].astype(float), serials)
    blank = kinds == BLANK
    if (text := kinds == TEXT).all():  # CSV: no masks to apply
        return _from_strings(column, serials)
    if text.any():
        out[text], unknown[text], invalid[text], blank[text] = _from_strings(column[text], serials)
    return out, unknown, invalid, blank


def _serial(day: date) -> int:
    return int((np.datetime64(day, "D") - EXCEL_EPOCH).astype(int))


def _from_numbers(numbers: np.ndarray, serials: tuple[int, int]):
    """Excel serials (days since 1899-12-30, fraction = time of day) and 20260301-style numbers."""
    out = np.full(len(numbers), NAT)
    serial = (numbers >= serials[0]) & (numbers < serials[1])
    days = np.floor(numbers[serial])
    seconds = np.rint((numbers[serial] - days) * 86400)
    out[serial] = (EXCEL_EPOCH + days.astype("m8[D]")).astype("M8[s]") + seconds.astype("m8[s]")
    compact = ~serial & (numbers == np.floor(numbers)) & (numbers >= 1000_01_01) & (numbers <= 9999_12_31)
    whole = numbers[compact].astype(np.int64)
    parts = pd.DataFrame({"year": whole // 10000, "month": whole // 100 % 100, "day": whole % 100})
    out[compact] = _compose(parts)
    return out, ~(serial | compact), compact & np.isnat(out)


def _from_strings(strings: np.ndarray, serials: tuple[int, int]):
    """(values, unrecognised, impossible, blank): one exact format per round, then regexes."""
    out = np.full(len(strings), NAT)
    todo = strings != ""
    tried: set[str] = set()
    for _ in range(3):  # a file rarely mixes more than a few spellings
        sample = _first_format(strings, todo, tried)
        if sample is None:
            break
        where, fmt = sample
        tried.add(fmt)
        subset = strings if len(where) == len(strings) else strings[where]
        parsed = pd.to_datetime(subset, format=fmt, errors="coerce").to_numpy().astype("M8[s]")
        done = ~np.isnat(parsed)
        if done.all() and len(where) == len(strings):
            return parsed, *np.zeros((3, len(strings)), dtype=bool)  # the usual case: one format
        out[where[done]] = parsed[done]
        todo[where[done]] = False
    unknown = np.zeros(len(strings), dtype=bool)
    invalid = np.zeros(len(strings), dtype=bool)
    blank = strings == ""
    if todo.any():
        rest = np.flatnonzero(todo)
        out[rest], unknown[rest], invalid[rest], blank[rest] = _spelled(strings[rest], serials)
    return out, unknown, invalid, blank


def _first_format(strings: np.ndarray, todo: np.ndarray, tried: set):
    """(positions to try it on, strptime format) for the first value with a format not yet tried."""
    for position in np.flatnonzero(todo)[:50]:
        fmt = _exact_format(strings[position])
        if fmt is None or fmt in tried:
            continue
        if "-" in fmt or "/" in fmt or "." in fmt:
            return np.flatnonzero(todo), fmt
        # strptime is lenient: "%Y%m%d" must see neither 7-digit values nor spaces ("202601 1" would be 1 January)
        same_length = todo & (np.fromiter(map(len, strings), np.int64, len(strings)) == len(strings[position]))
        digits_only = np.fromiter(map(str.isdigit, strings), bool, len(strings))
        return np.flatnonzero(same_length & digits_only), fmt
    return None


def _exact_format(text: str) -> str | None:
    if match := _SNIFF.fullmatch(text):
        sep, time_sep, seconds = match[2], match[3], match[4]
        return f"%Y{sep}%m{sep}%d" + (f"{time_sep}%H:%M" + (":%S" if seconds else "") if time_sep else "")
    if text.isdigit() and len(text) in (8, 14):
        return "%Y%m%d" if len(text) == 8 else "%Y%m%d%H%M%S"
    return None


def _spelled(strings: np.ndarray, serials: tuple[int, int]):
    text = pd.Series(fold_text(strings), dtype=object)
    out = np.full(len(text), NAT)
    parts = text.str.extract(f"^{_SPELLED.pattern}$")
    compact = parts["year"].isna()
    if compact.any():
        parts.loc[compact] = text[compact].str.extract(f"^{_COMPACT.pattern}$").to_numpy()
    matched = parts["year"].notna().to_numpy()
    out[matched] = _compose(parts[matched])
    invalid = matched & np.isnat(out)
    serial = text.str.fullmatch(_SERIAL.pattern).to_numpy(dtype=bool) & ~matched
    if serial.any():
        out[serial], bad_serial, _ = _from_numbers(text[serial].astype(float).to_numpy(), serials)
        serial[serial] = ~bad_serial
    blank = (text == "").to_numpy()
    return out, ~(matched | serial | blank), invalid, blank


def _compose(parts: pd.DataFrame) -> np.ndarray:
    """Year/month/day[/hour/minute/second] columns -> datetime64[s]; NaT where impossible.

    In numpy's datetime64[s] (any four-digit year fits) rather than pandas' nanoseconds, which end
    in 2262: a far date like 9999-12-31 is then a date outside the allowed range, said as such,
    and 2262-04-11 23:47:17 does not overflow."""
    numbers = parts.apply(pd.to_numeric).reindex(
        columns=["year", "month", "day", "hour", "minute", "second"]).fillna(0).to_numpy(np.int64)
    if not len(numbers):
        return np.empty(0, dtype="M8[s]")
    year, month, day, hour, minute, second = numbers.T
    months = (year - 1970) * 12 + np.clip(month, 1, 12) - 1
    first = np.datetime64("1970-01", "M") + months.astype("m8[M]")
    days = first.astype("M8[D]") + (np.clip(day, 1, 31) - 1).astype("m8[D]")
    out = days.astype("M8[s]") + (hour * 3600 + minute * 60 + second).astype("m8[s]")
    # 2 月 30 日 would roll into March, 25:00 into the next day: a person who typed it made a mistake
    wrong = (month < 1) | (month > 12) | (day < 1) | (days.astype("M8[M]") != first)
    wrong |= (hour > 23) | (minute > 59) | (second > 59)
    out[wrong] = NAT
    return out
