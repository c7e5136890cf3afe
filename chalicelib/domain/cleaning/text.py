"""Text cells: trimming, full-width folding, length and invisible-character checks, repeats."""
import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.issues import Problems
from chalicelib.domain.cleaning.packed import Packed, distinct, pack

FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # full-width -> ASCII
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
# Unicode Cc, Cf, Co, Cs (control, format, private use, surrogate) except U+200D, the emoji
# joiner -- the same rule as fields.clean_text; tests check it against unicodedata.
INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200c"
    "\u200e-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\uf8ff\ufeff\ufff9-\ufffb\U000110bd"
    "\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
CODE_MAX_LENGTH = 64  # customer codes and order IDs
LOSSLESS_DIGITS = 1e15  # Excel keeps 15 significant digits: larger numbers have lost their tail


def objects(values) -> np.ndarray:
    """Any column as a 1-D numpy object array (no copy when it already is one)."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=object)
    return np.asarray(values, dtype=object)


def cell_text(value) -> str:
    """One non-text cell as the text the user saw: 123.0 -> "123", blanks -> ""."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return str(value)


SHOWN_LENGTH = 30  # characters of a cell echoed in a message


def shown_text(value) -> str:
    """A cell as a message quotes it: as typed, trimmed, invisible characters as �, long ones cut."""
    text = INVISIBLE.sub("\ufffd", cell_text(value).strip())
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def echo(table):
    """shown(header, positions) for collect_issues: the table's cells at those rows, as messages quote them."""
    return lambda header, positions: [shown_text(value) for value in table.cells_at(header, positions)]


TEXT, NUMBER, MOMENT, BOOL, BLANK, OTHER = range(6)  # what cell_kinds() calls each cell
_INFERRED = {"string": TEXT, "empty": TEXT, "floating": NUMBER, "integer": NUMBER,
             "mixed-integer-float": NUMBER, "boolean": BOOL, "datetime": MOMENT, "date": MOMENT}


def _kind(value) -> int:
    if isinstance(value, str):
        return TEXT
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, (int, float, np.integer, np.floating)):
        return BLANK if value != value else NUMBER
    if isinstance(value, date):  # datetime and pandas Timestamp are dates too
        return MOMENT
    return BLANK if value is None else OTHER


def cell_kinds(values) -> np.ndarray:
    """int8 per cell: TEXT (including ""), NUMBER, MOMENT, BOOL, BLANK (None/NaN) or OTHER."""
    column = objects(values)
    kind = _INFERRED.get(pd.api.types.infer_dtype(column, skipna=False))
    if kind is None:
        with np.errstate(invalid="ignore"):  # NaN cells trip the ufunc's floating-point check
            return np.frompyfunc(_kind, 1, 1)(column).astype(np.int8)
    kinds = np.full(len(column), kind, dtype=np.int8)
    if kind == NUMBER:
        kinds[np.isnan(column.astype(np.float64))] = BLANK
    return kinds


def as_text(values) -> np.ndarray:
    return _joined_text(objects(values))[0]


def _joined_text(column: np.ndarray) -> tuple[np.ndarray, str]:
    """(every cell as text, all of it joined): joining is also the fastest test that all are str."""
    try:
        return column, "".join(column)
    except TypeError:
        with np.errstate(invalid="ignore"):  # NaN cells trip the ufunc's floating-point check
            text = np.frompyfunc(cell_text, 1, 1)(column).astype(object)
        return text, "".join(text)


def has_space(joined: str) -> bool:
    """Whether the text may have whitespace (two C-speed scans; True is only a "maybe")."""
    return " " in joined or not joined.isprintable()  # spaces other than " " are not printable


def _fold(text: np.ndarray, joined: str) -> tuple[np.ndarray, str, bool]:
    """(str cells trimmed with full-width letters/digits folded, joined again, all printable?)."""
    wide = not joined.isascii() and _FULL_WIDTH.search(joined)
    printable = joined.isprintable()  # whitespace other than " " is not printable
    if not wide and printable and " " not in joined:
        return text, joined, True  # the usual case: nothing to trim or fold
    series = pd.Series(text, dtype=object)
    if wide:
        series = series.str.translate(FOLD)
    text = series.str.strip().to_numpy(dtype=object)
    joined = "".join(text)
    return text, joined, joined.isprintable()


def fold_text(values) -> np.ndarray:
    """Trimmed text, full-width ASCII and U+3000 folded to half-width, "" for blanks."""
    return _fold(*_joined_text(objects(values)))[0]


def lengths(text: np.ndarray) -> np.ndarray:
    return np.fromiter(map(len, text), dtype=np.int64, count=len(text))


def invisible(text: np.ndarray, printable: bool | None = None) -> np.ndarray:
    """Cells containing control or invisible characters (line breaks, tabs, zero-width...)."""
    if printable if printable is not None else "".join(text).isprintable():
        return np.zeros(len(text), dtype=bool)
    return pd.Series(text, dtype=object).str.contains(INVISIBLE).to_numpy(dtype=bool)


def lossy_numbers(values) -> np.ndarray:
    """Numeric cells too long for Excel to have kept every digit (codes typed as numbers)."""
    kinds = cell_kinds(values)
    lossy = np.zeros(len(kinds), dtype=bool)
    if (number := kinds == NUMBER).any():
        lossy[number] = np.abs(objects(values)[number].astype(np.float64)) >= LOSSLESS_DIGITS
    return lossy


def parse_text(values, label: str, max_len: int, required: bool = False,
               packed: Packed | None = None) -> tuple[np.ndarray, Problems]:
    """Free text or a code: trimmed and folded, length and character checks; `packed`: the
    column's cells as bytes, when the reader has them."""
    column = objects(values)
    text, sizes, lossy, hidden = _plain_text(column, packed) or _any_text(column)
    problems = {
        f"{label}被 Excel 存成了超过 15 位的数字，末尾几位已丢失：请把该列设为文本格式后重新填写": lossy,
        f"{label}包含换行、制表符或不可见字符，请删除这些字符": hidden,
        f"{label}最多 {max_len} 个字符，请缩短": sizes > max_len,
    }
    if required:
        problems = {f"{label}不能为空，请填写": sizes == 0, **problems}
    return text, problems


def _plain_text(column: np.ndarray, packed: Packed | None) -> tuple | None:
    """(text, lengths, lossy, invisible) when every cell is printable ASCII without spaces:
    nothing to trim, fold or flag, and the lengths are known from the bytes."""
    packed = pack(column, partial=False) if packed is None else packed
    if packed is None or not packed.plain:
        return None
    nothing = np.zeros(len(column), dtype=bool)
    return column, packed.lengths, nothing, nothing


def _any_text(column: np.ndarray) -> tuple:
    raw, joined = _joined_text(column)
    text, joined, printable = _fold(raw, joined)
    lossy = np.zeros(len(column), dtype=bool) if raw is column else lossy_numbers(column)
    return text, lengths(text), lossy, invisible(text, printable)


def first_occurrences(text: np.ndarray, packed: Packed | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(mask of non-blank values already seen on an earlier row, position of that earlier row);
    `packed`: the same cells as bytes, if known."""
    if distinct(packed):
        return np.zeros(len(text), dtype=bool), np.arange(len(text))
    hashes = np.fromiter(map(hash, text), dtype=np.int64, count=len(text))
    if pd.Index(hashes).is_unique:  # distinct hashes mean distinct values; ~3x faster than a set
        return np.zeros(len(text), dtype=bool), np.arange(len(text))
    codes, _ = pd.factorize(text)  # codes are numbered in order of first appearance
    previous_max = np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))
    is_first = codes > previous_max
    first_position = np.flatnonzero(is_first)[codes]
    return ~is_first & (text != ""), first_position
