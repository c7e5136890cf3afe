"""Text columns seen as bytes, so that plain cells can be checked and parsed with numpy.

A million-row column costs one Python call per cell in the general parsers; joined into one
ASCII buffer, the usual cells (codes, dates in one fixed layout, plain decimals) are handled a
whole column at a time. Cells the fast parsers do not fully understand are left to the
general parsers, which stay the one definition of every rule and message.
"""
from dataclasses import dataclass

import numpy as np
import pandas as pd

NEWLINE = 0x0A
ZERO = 0x30


@dataclass(frozen=True)
class Packed:
    """Some cells of a column in one ASCII buffer, each followed by a line break."""

    rows: np.ndarray  # int64: the positions in the column of the packed cells
    buffer: np.ndarray  # uint8: cell, "\n", cell, "\n", ...
    starts: np.ndarray  # int64 offset in `buffer` of each packed cell
    lengths: np.ndarray  # int64 characters (= bytes) of each packed cell
    complete: bool  # every cell of the column is packed

    def fixed(self, rows: np.ndarray, width: int) -> np.ndarray:
        """Cells `rows` (positions in `self.rows`, all exactly `width` long) as a uint8 matrix."""
        if len(rows) == len(self.rows) and self.buffer.size == len(rows) * (width + 1):
            return self.buffer.reshape(-1, width + 1)[:, :width]  # a view: no copy
        return self.buffer[self.starts[rows, None] + np.arange(width)]

    def right_aligned(self, rows: np.ndarray, width: int) -> np.ndarray:
        """Cells `rows` (at most `width` long) as a uint8 matrix, right-aligned, padded with "0"."""
        ends = self.starts[rows] + self.lengths[rows]
        matrix = self.buffer[np.maximum(ends[:, None] + np.arange(-width, 0), 0)]
        matrix[np.arange(width) < (width - self.lengths[rows])[:, None]] = ZERO
        return matrix


def pack(column: np.ndarray, partial: bool = True) -> Packed | None:
    """The str cells of an object column that are ASCII without line breaks (all or none of
    them unless `partial`); None if there are none."""
    try:
        joined = "\n".join(column)
    except TypeError:  # numbers, dates or blanks from a workbook: not a text column
        return None
    rows = np.arange(len(column))
    if not joined.isascii() or joined.count("\n") != len(column) - 1:
        if not partial:
            return None
        # Rare: a few cells with Chinese characters or line breaks; pack the others.
        plain = np.fromiter((cell.isascii() and "\n" not in cell for cell in column), bool, len(column))
        rows = rows[plain]
        joined = "\n".join(column[rows])
    if not len(rows):
        return None
    buffer = np.frombuffer((joined + "\n").encode("ascii"), np.uint8)
    ends = np.flatnonzero(buffer == NEWLINE)
    starts = np.concatenate(([0], ends[:-1] + 1))
    return Packed(rows, buffer, starts, ends - starts, len(rows) == len(column))


def digits(matrix: np.ndarray) -> np.ndarray:
    """Each byte's digit value; 10 or more where the byte is not an ASCII digit."""
    return matrix - np.uint8(ZERO)  # wraps around below "0"


def number(digit_values: np.ndarray) -> np.ndarray:
    """int64 value of each row of a digit matrix (most significant first)."""
    weights = 10 ** np.arange(digit_values.shape[1] - 1, -1, -1, dtype=np.int64)
    return digit_values.astype(np.int64) @ weights


def distinct(column: np.ndarray) -> bool:
    """True when the str cells are certainly all different (False: maybe not).

    Cells of one length up to 16 characters are compared as pairs of big-endian integers:
    exactly, and without hashing when the file is sorted by them (order IDs usually are).
    """
    packed = pack(column, partial=False)
    if packed is None or not packed.complete or not 0 < packed.lengths[0] <= 16:
        return False
    width = int(packed.lengths[0])
    if (packed.lengths != width).any():
        return False
    padded = np.zeros((len(column), 16), dtype=np.uint8)
    padded[:, :width] = packed.fixed(np.arange(len(column)), width)
    high, low = padded.view(">u8").astype(np.uint64).T
    if ((high[1:] > high[:-1]) | ((high[1:] == high[:-1]) & (low[1:] > low[:-1]))).all():
        return True
    if width <= 8:
        return pd.Index(high).is_unique
    return pd.Index(high * np.uint64(0x9E3779B97F4A7C15) ^ low).is_unique  # distinct mixes: distinct pairs
