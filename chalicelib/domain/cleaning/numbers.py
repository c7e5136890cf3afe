"""Money and yes/no cells."""
import io
import re

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.issues import Problems
from chalicelib.domain.cleaning.packed import digits, number, pack
from chalicelib.domain.cleaning.text import BLANK, BOOL, NUMBER, TEXT, cell_kinds, fold_text, objects

MAX_FEN = 10_000_000_000  # |amount| <= 100,000,000 yuan
# A third decimal typed by a person is at least 0.1 fen away from a whole fen; what is left of
# Excel arithmetic (128.49999999999997) is far below this, so it is rounding noise, not a decimal.
FEN_NOISE = 1e-3
_PLAIN_WIDTH = 13  # "-123456789.00": more whole digits than that is out of range anyway
_PLAIN = re.compile(r"[0-9.\-\n]*")  # what float() may read exactly as the strict pattern would
_AMOUNT = r"(?=.*[0-9])[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]*)?"
_DECORATION = r"[¥￥元\s]"

YES = frozenset({"是", "y", "yes", "1", "true", "t", "同意", "√"})
NO = frozenset({"否", "n", "no", "0", "false", "f", "不同意", "×", ""})


def parse_amounts(values, label: str) -> tuple[np.ndarray, Problems]:
    """Yuan (number or text with ¥/￥/元, thousands commas, spaces) -> int64 fen, exactly."""
    column = objects(values)
    kinds = cell_kinds(column)
    yuan = np.full(len(column), np.nan)
    numeric = kinds == NUMBER
    yuan[numeric] = column[numeric].astype(np.float64)
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
        f"{label}超出范围：金额绝对值不能超过 1 亿元": readable & (np.abs(rounded) > MAX_FEN),
    }
    return np.where(readable, rounded, 0).astype(np.int64), problems


def _yuan_from_text(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    fen, plain = _plain_fen(strings)
    if plain.all():
        return fen / 100, np.zeros(len(strings), dtype=bool)  # the usual case: plain decimals only
    yuan, blank = fen / 100, np.zeros(len(strings), dtype=bool)
    rest = np.flatnonzero(~plain)
    yuan[rest], blank[rest] = _yuan_from_any_text(strings[rest])
    return yuan, blank


def _plain_fen(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(exact fen, mask) for cells written -?[0-9]{1,9}(.[0-9]{1,2})?; the rest is left to the
    general parser, which gives the same fen for these (see FEN_NOISE) and judges everything else."""
    fen, plain = np.zeros(len(strings), dtype=np.int64), np.zeros(len(strings), dtype=bool)
    packed = pack(strings)
    rows = np.flatnonzero((packed.lengths > 0) & (packed.lengths <= _PLAIN_WIDTH)) if packed is not None else []
    if not len(rows):
        return fen, plain
    lengths = packed.lengths[rows]
    width = max(int(lengths.max()), 3)
    matrix = packed.right_aligned(rows, width)
    values = digits(matrix)
    negative = matrix[np.arange(len(rows)), width - lengths] == ord("-")
    decimals = np.select([matrix[:, -2] == ord("."), matrix[:, -3] == ord(".")], [1, 2], 0)
    whole_digits = lengths - negative - np.where(decimals > 0, decimals + 1, 0)
    others = np.count_nonzero(values > 9, axis=1)  # must be the sign and the point, nothing else
    good = (others == negative + (decimals > 0)) & (whole_digits > 0) & (whole_digits < 10)
    raw = number(np.where(values > 9, 0, values))  # "-" and "." count as 0 digits
    whole, fraction = raw // 10 ** (decimals + (decimals > 0)), raw % 10 ** decimals
    amounts = (whole * 100 + fraction * 10 ** (2 - decimals)) * np.where(negative, -1, 1)
    fen[packed.rows[rows[good]]], plain[packed.rows[rows[good]]] = amounts[good], True
    return fen, plain


def _yuan_from_any_text(strings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
