"""Dates and times in the fixed, zero-padded layouts exports use, parsed with numpy arithmetic.

Only cells that are certainly valid are parsed here: 2026-03-01 14:05:09 (separators - / . and
a space or T), without seconds, date only, 20260301 and 20260301140509. Anything else --
other spellings, impossible dates, years far away -- is left to dates.py, which alone decides
what is wrong with a cell.
"""
import numpy as np

from chalicelib.domain.cleaning.packed import PAIRS, Packed, pack

NAT = np.datetime64("NaT", "s")
# At each position two digits (YY MM DD hh mm ss) or one of the separators allowed there
_LAYOUTS = ("YYYY-MM-DD hh:mm:ss", "YYYY-MM-DD hh:mm", "YYYY-MM-DD", "YYYYMMDD", "YYYYMMDDhhmmss")
_BY_LENGTH = {len(layout): layout for layout in _LAYOUTS}
_ALLOWED = {"-": b"-/.", " ": b" T", ":": b":"}
# Outside these years pandas (nanosecond timestamps) and this table could disagree: left to dates.py
_FIRST_YEAR, _END_YEAR = 1700, 2200
_MONTHS = np.arange((_FIRST_YEAR - 1970) * 12, (_END_YEAR - 1970) * 12 + 1).astype("M8[M]").astype("M8[D]")
_MONTH_START = _MONTHS[:-1].astype(np.int64)  # days since 1970-01-01, by (year - 1700) * 12 + month - 1
_MONTH_DAYS = np.diff(_MONTHS).astype(np.int64)


def parse_layouts(strings: np.ndarray | None, packed: Packed | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(wall-clock datetime64[s], mask of the cells parsed here) for a column of cells, or for
    the complete `packed` column they are."""
    size = len(strings) if strings is not None else len(packed.starts)  # type: ignore[union-attr]  # callers give the cells or their packed form
    out, done = np.full(size, NAT), np.zeros(size, dtype=bool)
    packed = pack(strings) if packed is None else packed  # type: ignore[arg-type]
    if packed is None:
        return out, done
    lengths = packed.lengths
    uniform = int(lengths[0]) if (lengths == lengths[0]).all() else None  # usually: one layout
    for size, layout in _BY_LENGTH.items():
        if uniform is None or uniform == size:
            for rows, cells in packed.blocks(None if uniform else np.flatnonzero(lengths == size)):
                out[rows], done[rows] = _parse(packed.matrix(size, cells), layout)
    return out, done


def _parse(matrix: np.ndarray, layout: str) -> tuple[np.ndarray, np.ndarray]:
    good = np.ones(len(matrix), dtype=bool)
    for position, mark in enumerate(layout):
        if mark in _ALLOWED:
            good &= np.logical_or.reduce([matrix[:, position] == byte for byte in _ALLOWED[mark]])
    fields = "".join(mark for mark in layout if mark not in _ALLOWED)[::2]  # "YYMDhms"
    digits = matrix.take([position for position, mark in enumerate(layout) if mark not in _ALLOWED], axis=1)
    pairs = PAIRS[digits.view(np.uint16)]  # 0-99, or NOT_PAIR where not two digits
    good &= (pairs < 100).all(axis=1)
    part = {name: pairs[:, fields.index(name)].astype(np.int64) for name in "MDhms" if name in fields}
    return _compose(pairs[:, 0].astype(np.int64) * 100 + pairs[:, 1], part, good)


def _compose(year: np.ndarray, part: dict[str, np.ndarray], good: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    month, day, zero = part["M"], part["D"], np.zeros(len(year), dtype=np.int64)
    hour, minute, second = part.get("h", zero), part.get("m", zero), part.get("s", zero)
    good &= (year >= _FIRST_YEAR) & (year < _END_YEAR) & (month >= 1) & (month <= 12)
    good &= (hour < 24) & (minute < 60) & (second < 60)
    month_index = np.where(good, (year - _FIRST_YEAR) * 12 + month - 1, 0)
    good &= (day >= 1) & (day <= _MONTH_DAYS[month_index])
    seconds = (_MONTH_START[month_index] + day - 1) * 86400 + hour * 3600 + minute * 60 + second
    return np.where(good, seconds.view("M8[s]"), NAT), good
