"""Money and yes/no cells."""
import io
import re

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.issues import Problems
from chalicelib.domain.cleaning.packed import DIGIT_PAIRS, NON_DIGITS, Packed, pack, pair_number
from chalicelib.domain.cleaning.text import BLANK, BOOL, NUMBER, TEXT, cell_kinds, fold_text, objects

MAX_FEN = 10_000_000_000  # |amount| <= 100,000,000 yuan
OUT_OF_RANGE = "超出范围：金额绝对值不能超过 1 亿元"
# A third decimal typed by a person is at least 0.1 fen away from a whole fen; what is left of
# Excel arithmetic (128.49999999999997) is far below this, so it is rounding noise, not a decimal.
FEN_NOISE = 1e-3
_PLAIN_WIDTH = 13  # "-123456789.00": more whole digits than that is out of range anyway
_POWERS = 10 ** np.arange(19, dtype=np.int64)
_PLAIN = re.compile(r"[0-9.\-\n]*")  # what float() may read exactly as the strict pattern would
_AMOUNT = r"(?=.*[0-9])[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]*)?"
_DECORATION = r"[¥￥元\s]"

YES = frozenset({"是", "y", "yes", "1", "true", "t", "同意", "√"})
NO = frozenset({"否", "n", "no", "0", "false", "f", "不同意", "×", ""})


def parse_amounts(values, label: str, packed: Packed | None = None) -> tuple[np.ndarray, Problems]:
    """Yuan (number or text with ¥/￥/元, thousands commas, spaces) -> int64 fen, exactly. `packed`:
    the column's cells as bytes, when the reader has them; then `values` may be None (decoded as needed)."""
    column = None if values is None else objects(values)
    size = len(column) if column is not None else len(packed.starts)  # type: ignore[union-attr]  # callers give the cells or their packed form
    fen, plain = _plain_fen(pack(column) if packed is None else packed, size)  # type: ignore[arg-type]
    rest = np.flatnonzero(~plain)
    rest_fen, rest_problems = _amounts(packed.texts(rest) if column is None else column[rest], label)  # type: ignore[union-attr]
    fen[rest] = rest_fen  # everything but plain decimals, judged as ever
    problems = {message: np.zeros(size, dtype=bool) for message in rest_problems}
    for message, mask in rest_problems.items():
        problems[message][rest] = mask
    problems[label + OUT_OF_RANGE] |= plain & (np.abs(fen) > MAX_FEN)
    return fen, problems


def _amounts(values: np.ndarray, label: str) -> tuple[np.ndarray, Problems]:
    column = objects(values)
    kinds = cell_kinds(column)
    yuan = np.full(len(column), np.nan)
    number = kinds == NUMBER
    yuan[number] = column[number].astype(np.float64)
    blank = kinds == BLANK
    if (text := kinds == TEXT).all():  # CSV: no masks to apply
        yuan, blank = _yuan_from_text(column)
    elif text.any():
        yuan[text], blank[text] = _yuan_from_text(column[text])
    # Exact: a decimal with <= 2 places parses to within 1e-6 fen of its value below 1e10 fen.
    fen = yuan * 100
    rounded = np.rint(fen)
    readable = np.isfinite(yuan)
    problems = {
        f"{label}不能为空，请填写": blank,
        f"{label}格式不正确，请填写数字，如 128.50（可带 ¥ 和千位分隔符）": ~blank & ~readable,
        f"{label}最多两位小数": readable & (np.abs(fen - rounded) > FEN_NOISE),
        label + OUT_OF_RANGE: readable & (np.abs(rounded) > MAX_FEN),
    }
    return np.where(readable, rounded, 0).astype(np.int64), problems


def _plain_fen(packed: Packed | None, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(exact fen, mask) for cells written -?[0-9]{1,9}(.[0-9]{1,2})?, with numpy. The general
    parsing gives these the same fen (their float error is far below FEN_NOISE) and no problem
    but the range; it alone judges every other cell."""
    fen, plain = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=bool)
    if packed is None:
        return fen, plain
    short = (packed.lengths > 0) & (packed.lengths <= _PLAIN_WIDTH)
    for rows, cells in packed.blocks(None if short.all() else np.flatnonzero(short)):
        lengths = packed.lengths[cells]
        width = (int(lengths.max()) + 1) // 2 * 2  # whole uint16 pairs
        fen[rows], plain[rows] = _fen(packed.matrix(width, cells), lengths)
    return fen, plain


def _fen(matrix: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pairs = matrix.view(np.uint16)
    flat, row_start = matrix.reshape(-1), np.arange(0, matrix.size, matrix.shape[1])
    negative = matrix[:, 0] == ord("-")
    decimals = np.select([flat[row_start + np.maximum(lengths - 2, 0)] == ord("."),
                          flat[row_start + np.maximum(lengths - 3, 0)] == ord(".")], [1, 2], 0)
    others = sum(NON_DIGITS[pairs[:, k]] for k in range(pairs.shape[1]))  # must be the sign and the point
    whole_digits = lengths - negative - np.where(decimals > 0, decimals + 1, 0)
    good = (others == negative + (decimals > 0)) & (whole_digits > 0) & (whole_digits < 10)
    # The digits as one number, "-" and "." counting as 0: drop the zeros for the point and after the end
    raw = pair_number(DIGIT_PAIRS[pairs]) // _POWERS[matrix.shape[1] - lengths]
    digits = raw - raw // _POWERS[decimals + 1] * np.where(decimals > 0, 9 * _POWERS[decimals], 0)
    return np.where(good, digits * _POWERS[2 - decimals] * np.where(negative, -1, 1), 0), good


def _yuan_from_text(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lines = "\n".join(strings)
    if _PLAIN.fullmatch(lines):  # plain numbers: pandas' C float parser is twice as fast as float()
        try:
            yuan = pd.read_csv(io.BytesIO(lines.encode("ascii")), header=None, names=["yuan"], dtype=np.float64,
                               na_filter=False, skip_blank_lines=False, engine="c", float_precision="high")
            if len(yuan) == len(strings):
                return yuan["yuan"].to_numpy(), np.zeros(len(strings), dtype=bool)
        except ValueError:  # "", "-", "1.2.3": the strict path below says which
            pass
    text = pd.Series(fold_text(strings), dtype=object).str.replace(_DECORATION, "", regex=True)
    plain = text.str.fullmatch(_AMOUNT)
    yuan = pd.to_numeric(text.where(plain, "").str.replace(",", ""), errors="coerce")
    return yuan.to_numpy(dtype=np.float64), (text == "").to_numpy()


def parse_yes_no(values, label: str) -> tuple[np.ndarray, Problems]:
    """是/否, Y/N, yes/no, 1/0, true/false, 同意/不同意, Excel TRUE/FALSE; blank means no."""
    column = objects(values)
    kinds = cell_kinds(column)
    answer = np.zeros(len(column), dtype=bool)
    unknown = ~np.isin(kinds, (BLANK, BOOL, NUMBER, TEXT))
    boolean = kinds == BOOL
    answer[boolean] = column[boolean].astype(bool)
    number = kinds == NUMBER
    answer[number] = column[number] == 1
    unknown[number] = ~np.isin(column[number].astype(float), (0.0, 1.0))
    if (text := kinds == TEXT).any():
        words = pd.Series(fold_text(column[text]), dtype=object).str.lower()
        answer[text] = words.isin(YES).to_numpy()
        unknown[text] = ~(words.isin(YES) | words.isin(NO)).to_numpy()
    return answer & ~unknown, {f"{label}请填写 是 或 否（也可填 Y / N、1 / 0）": unknown}
