"""Text columns seen as bytes, so that plain cells can be checked and parsed with numpy.

The general parsers make at least one Python call per cell. Seen as bytes, the usual cells
(codes, dates in one fixed layout, plain decimals) are handled a whole column at a time.
Cells the fast parsers do not fully understand are left to the general parsers, which stay
the one definition of every rule and message.

A CSV reader describes its columns straight from the file's bytes (packed_table); any other
column of str cells can be packed by joining it. Work goes BLOCK rows at a time: fresh large
arrays are slow (page faults), small ones are reused.
"""
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

BLOCK = 1 << 16  # rows at a time
MAX_PLAIN_WIDTH = 64  # longer cells are never plain: no code or checked value is that long
# Two bytes read as one uint16 (in either byte order) -> what they spell
_FIRST, _SECOND = np.arange(65536, dtype=np.uint16).view(np.uint8).reshape(-1, 2).astype(np.int64).T - 0x30
_IS_FIRST, _IS_SECOND = (_FIRST >= 0) & (_FIRST <= 9), (_SECOND >= 0) & (_SECOND <= 9)
NOT_PAIR = 100
PAIRS = np.where(_IS_FIRST & _IS_SECOND, _FIRST * 10 + _SECOND, NOT_PAIR).astype(np.uint8)  # two digits
DIGIT_PAIRS = (np.where(_IS_FIRST, _FIRST, 0) * 10 + np.where(_IS_SECOND, _SECOND, 0)).astype(np.uint8)  # others 0
NON_DIGITS = (~_IS_FIRST & (_FIRST != -0x30)).astype(np.uint8) + (~_IS_SECOND & (_SECOND != -0x30))  # NUL: none


@dataclass(frozen=True)
class Packed:
    """Cells of a column as byte ranges of one buffer; no cell contains a NUL byte."""

    buffer: np.ndarray  # uint8
    starts: np.ndarray  # int32 or int64 offset of each packed cell in `buffer`
    lengths: np.ndarray  # bytes of each packed cell, same dtype
    rows: np.ndarray | None = None  # positions in the column of the packed cells; None: all, in order
    encoding: str = "ascii"  # of the buffer; cells never start or end inside a character

    @property
    def complete(self) -> bool:
        return self.rows is None

    def blocks(self, selected: np.ndarray | None = None) -> Iterator[tuple]:
        """(positions in the column, positions among the packed cells) of every packed cell, or
        of the `selected` ones (positions among the packed cells), BLOCK at a time."""
        count = len(self.starts) if selected is None else len(selected)
        for start in range(0, count, BLOCK):
            cells = slice(start, start + BLOCK) if selected is None else selected[start:start + BLOCK]
            yield (cells if self.rows is None else self.rows[cells]), cells

    def matrix(self, width: int, cells) -> np.ndarray:
        """The first `width` bytes of `cells` (positions among the packed cells) as a uint8
        matrix, zero bytes after the end of a shorter cell."""
        starts, lengths, buffer = self.starts[cells], self.lengths[cells], self.buffer
        if buffer.size < width:  # a tiny column: pad it so that a window fits
            buffer = np.concatenate((buffer, np.zeros(width, dtype=np.uint8)))
        last = buffer.size - width
        # Windows over the buffer: one short copy per row instead of an index per byte
        matrix = sliding_window_view(buffer, width)[np.minimum(starts, last)]
        for i in np.flatnonzero(starts > last):  # the buffer's last bytes: a cell or two
            tail = buffer[starts[i]:]
            matrix[i, :tail.size], matrix[i, tail.size:] = tail, 0
        for position in range(int(lengths.min(initial=width)), width):  # column by column: faster
            matrix[:, position] *= lengths > position
        return matrix

    def texts(self, cells: np.ndarray | None = None) -> np.ndarray:
        """The cells (or `cells`, positions among the packed ones) as an object array of str."""
        out = np.empty(len(self.starts) if cells is None else len(cells), dtype=object)
        for start, (_, block) in zip(range(0, len(out), BLOCK), self.blocks(cells)):
            out[start:start + BLOCK] = self._texts(block)
        return out

    def _texts(self, cells) -> list[str]:
        """A block of cells decoded at once: each cell's bytes and a line break, then one split."""
        lengths = self.lengths[cells].astype(np.int64)
        width = int(lengths.max(initial=0)) + 1
        if width <= MAX_PLAIN_WIDTH:  # a matrix: one short copy per cell, NUL after its line break
            joined = self.matrix(width, cells)
            joined.reshape(-1)[np.arange(0, joined.size, width) + lengths] = ord("\n")
        else:  # long cells: an index per byte
            ends = np.cumsum(lengths + 1)
            index = np.repeat(self.starts[cells] - (ends - lengths - 1), lengths + 1) + np.arange(ends[-1])
            joined = self.buffer[np.minimum(index, self.buffer.size - 1)]
            joined[ends - 1] = ord("\n")
        text = joined.tobytes().decode(self.encoding)
        return (text.replace("\0", "") if "\0" in text else text).split("\n")[:-1]

    def subset(self, cells: np.ndarray) -> "Packed":
        """Only `cells` (positions among the packed ones) of a complete column, as a complete column."""
        return Packed(self.buffer, self.starts[cells], self.lengths[cells], None, self.encoding)

    def visible_start(self) -> np.ndarray:
        """Cells starting with printable ASCII other than a space: certainly not blank."""
        first = self.buffer[np.minimum(self.starts, self.buffer.size - 1)] if self.buffer.size else 0
        return (self.lengths > 0) & (first > 0x20) & (first < 0x7F)

    @cached_property
    def plain(self) -> bool:
        """Every cell of the column is printable ASCII without spaces (nothing to trim or fold)."""
        width = int(self.lengths.max(initial=0))
        if not self.complete or width > MAX_PLAIN_WIDTH:
            return False
        return not any(_not_plain(self.matrix(width, cells)) for _, cells in self.blocks())


def _not_plain(matrix: np.ndarray) -> bool:
    """Any byte other than printable ASCII without space and the NUL padding?"""
    return bool((((matrix - np.uint8(0x21)) > 0x5D) & (matrix != 0)).any())  # wraps around below 0x21


def pack(column: np.ndarray, partial: bool = True) -> Packed | None:
    """The str cells of an object column that are ASCII without line breaks or NULs (all or
    none of them unless `partial`); None if there are none."""
    if len(column) and not isinstance(column[0], str):
        return None  # numbers or dates from a workbook, most likely all of them
    try:
        joined = "\n".join(column)
    except TypeError:  # numbers, dates or blanks from a workbook: not a text column
        return None
    rows = None
    if not joined.isascii() or joined.count("\n") != len(column) - 1 or "\0" in joined:
        if not partial:
            return None
        # Rare: a few cells with Chinese characters or line breaks; pack the others
        usable = np.fromiter((cell.isascii() and "\n" not in cell and "\0" not in cell for cell in column),
                             bool, len(column))
        rows = np.flatnonzero(usable)
        joined = "\n".join(column[rows])
    if rows is not None and not len(rows) or not len(column):
        return None
    buffer = np.frombuffer((joined + "\n").encode("ascii"), np.uint8)
    ends = np.flatnonzero(buffer == ord("\n"))
    starts = np.concatenate(([0], ends[:-1] + 1))
    return Packed(buffer, starts, ends - starts, rows)


def pair_number(pair_values: np.ndarray) -> np.ndarray:
    """int64 value of each row of a matrix of two-digit numbers (most significant first)."""
    value = np.zeros(len(pair_values), dtype=np.int64)
    for position in range(pair_values.shape[1]):
        value *= 100
        value += pair_values[:, position]
    return value


def distinct(packed: Packed | None) -> bool:
    """True when the packed column's cells are certainly all different (False: maybe not).

    Plain cells up to 16 bytes are compared exactly as pairs of big-endian integers, without
    hashing when the file is sorted by them (order IDs usually are).
    """
    if packed is None or not packed.plain or packed.lengths.max(initial=0) > 16:
        return False
    mixed, previous, ascending = np.empty(len(packed.starts), dtype=np.uint64), None, True
    for _, cells in packed.blocks():
        halves: np.ndarray = packed.matrix(16, cells).view(">u8").astype(np.uint64).T
        high, low = halves[0], halves[1]
        if previous is not None:
            high, low = np.concatenate(([previous[0]], high)), np.concatenate(([previous[1]], low))
        ascending = ascending and bool(((high[1:] > high[:-1]) | (high[1:] == high[:-1]) & (low[1:] > low[:-1])).all())
        mixed[cells] = (high * np.uint64(0x9E3779B97F4A7C15) ^ low)[previous is not None:]
        previous = high[-1], low[-1]
    return ascending or pd.Index(mixed).is_unique  # different mixes: different cells
