"""Dates and times in the fixed, zero-padded layouts exports use, parsed with numpy arithmetic.

Only cells that are certainly valid are parsed here: 2026-03-01 14:05:09 (separators - / . and
a space or T), without seconds, date only, 20260301 and 20260301140509. Anything else --
other spellings, impossible dates, years far away -- is left to dates.py, which alone decides
what is wrong with a cell.
"""
import numpy as np

from chalicelib.domain.cleaning.packed import Packed, digits, number, pack

NAT = np.datetime64("NaT", "s")
_DATE_SEPARATORS = b"-/."
_TIME_SEPARATORS = b" T"
# layout -> separators allowed at each non-digit position; Y M D h m s are digits
_LAYOUTS = ("YYYY-MM-DD hh:mm:ss", "YYYY-MM-DD hh:mm", "YYYY-MM-DD", "YYYYMMDD", "YYYYMMDDhhmmss")
_SEPARATORS = {"-": _DATE_SEPARATORS, " ": _TIME_SEPARATORS, ":": b":"}
_ALLOWED = {mark: np.isin(np.arange(256), np.frombuffer(chars, np.uint8)) for mark, chars in _SEPARATORS.items()}
# Outside these years pandas (nanosecond timestamps) and numpy could disagree: leave them to dates.py
_YEARS = (1700, 2200)


def parse_layouts(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(wall-clock datetime64[s], mask of the cells parsed here) for a column of str cells."""
    out = np.full(len(strings), NAT)
    done = np.zeros(len(strings), dtype=bool)
    packed = pack(strings)
    if packed is None:
        return out, done
    lengths = {len(layout): layout for layout in _LAYOUTS}
    if packed.complete and (packed.lengths == packed.lengths[0]).all():
        by_length = {int(packed.lengths[0]): np.arange(len(packed.rows))}  # the usual case: one layout
    else:
        by_length = {size: np.flatnonzero(packed.lengths == size) for size in lengths}
    for size, rows in by_length.items():
        if size in lengths and len(rows):
            values, good = _parse(packed, rows, lengths[size])
            out[packed.rows[rows[good]]] = values[good]
            done[packed.rows[rows[good]]] = True
    return out, done


def _parse(packed: Packed, rows: np.ndarray, layout: str) -> tuple[np.ndarray, np.ndarray]:
    matrix = packed.fixed(rows, len(layout))
    good = np.ones(len(rows), dtype=bool)
    for position, mark in enumerate(layout):
        if mark in _SEPARATORS:
            good &= _ALLOWED[mark][matrix[:, position]]
    digit_positions = [position for position, mark in enumerate(layout) if mark not in _SEPARATORS]
    values = digits(matrix[:, digit_positions])
    good &= (values < 10).all(axis=1)
    fields = "".join(mark for mark in layout if mark not in _SEPARATORS)
    part = {name: number(values[:, fields.index(name):fields.rindex(name) + 1])
            for name in dict.fromkeys(fields)}
    return _compose(part, good)


def _compose(part: dict[str, np.ndarray], good: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    year, month, day = part["Y"], part["M"], part["D"]
    zero = np.zeros(len(year), dtype=np.int64)
    hour, minute, second = part.get("h", zero), part.get("m", zero), part.get("s", zero)
    good &= (year >= _YEARS[0]) & (year < _YEARS[1]) & (month >= 1) & (month <= 12)
    good &= (hour < 24) & (minute < 60) & (second < 60)
    months = np.where(good, (year - 1970) * 12 + month - 1, 0).view("M8[M]")
    first = months.astype("M8[D]")
    good &= (day >= 1) & (day <= ((months + 1).astype("M8[D]") - first).astype(np.int64))
    seconds = (day - 1) * 86400 + hour * 3600 + minute * 60 + second
    return first.astype("M8[s]") + seconds.astype("m8[s]"), good
