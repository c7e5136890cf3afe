"""The usual CSV -- no quotes, no apostrophes, the same number of fields on every line -- read
as bytes: numpy finds every separator and line break, and each column stays a range of bytes
per cell (cleaning.packed) until its text is needed. Validating a clean order file then
decodes only the order and customer codes, instead of making a Python str of every cell.

Any other file is left to delimited.py (read() returns None), which reads the text with the
same rules and gives every refusal; the one refused here, too many rows, reads the same.
"""
import codecs

import numpy as np

from chalicelib.domain.cleaning.packed import Packed
from chalicelib.domain.table_reader.delimited import separator_of
from chalicelib.domain.table_reader.layout import too_many_rows
from chalicelib.errors import FileRejected

_CHUNK = 1 << 20  # bytes scanned at a time: large temporary arrays are slow to allocate


def read(data: bytes, max_rows: int) -> tuple[list[str], list[Packed]] | None:
    """(header cells, each column's cells after the header as bytes), or None."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    cut = data.find(b"\n") + 1 or len(data)
    if b'"' in data or data.find(b"'", cut) >= 0 or b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None  # quoted cells, escaped formulas or old Mac line breaks: the text reader's job
    raw = _body_bytes(data, cut)
    encoding = _encoding(data[bom:cut], raw, bom)
    if encoding is None or not raw.size:
        return None
    offset = np.int32 if raw.size < 2 ** 31 else np.int64
    breaks = _positions(raw, "\n", offset)
    lines = 1 + len(breaks) + data.count(b"\n", cut + raw.size) + (0 if data.endswith(b"\n") else 1)
    if lines > max_rows:
        raise FileRejected(too_many_rows(lines, max_rows))
    head = data[bom:cut].decode(encoding).replace("\r\n", "\n")
    separator = separator_of(head) if head.strip() else None
    header = head.rstrip("\n").split(separator) if separator else []
    if separator is None or not any(cell.strip() for cell in header):
        return None  # the header is further down: the text reader looks for it
    cells = _cells(raw, breaks, separator, len(header))
    if cells is None:
        return None
    return header, [Packed(raw, starts, lengths, encoding=encoding) for starts, lengths in cells]


def _encoding(head: bytes, raw: np.ndarray, bom: int) -> str | None:
    """UTF-8 (always, after a BOM), else GB18030 -- whichever decodes the whole file."""
    ascii_body = not raw.size or int(raw.max()) < 0x80
    for encoding in ("utf-8",) if bom else ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            if not ascii_body:
                raw.tobytes().decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def _body_bytes(data: bytes, cut: int) -> np.ndarray:
    """The bytes after the first line, up to the last line that is not blank and its break."""
    end = len(data)
    while end > cut and data[end - 1] in b"\r\n":
        end -= 1
    end += 1 if data[end:end + 1] == b"\n" else 2 if data[end:end + 2] == b"\r\n" else 0
    return np.frombuffer(data, np.uint8, end - cut, cut)


def _cells(raw: np.ndarray, breaks: np.ndarray, separator: str, width: int) -> list[tuple] | None:
    """Each column's (starts, lengths) in `raw`, given its line breaks; None unless every line
    has `width` fields."""
    if raw[-1] != ord("\n"):  # the last line has no break
        breaks = np.append(breaks, np.array(raw.size, dtype=breaks.dtype))
    marks = _positions(raw, separator, breaks.dtype)
    if len(marks) != len(breaks) * (width - 1):
        return None
    marks = marks.reshape(len(breaks), width - 1)
    if width > 1 and ((marks[:, -1] > breaks).any() or (marks[1:, 0] < breaks[:-1]).any()):
        return None  # not every line has its own width - 1 separators
    ends = [marks[:, j] for j in range(width - 1)] + [breaks]
    starts = [np.concatenate(([0], breaks[:-1] + 1)).astype(breaks.dtype)] + [end + 1 for end in ends[:-1]]
    lengths = [end - start for start, end in zip(starts, ends)]
    lengths[-1] -= (raw[np.maximum(breaks - 1, 0)] == ord("\r")) & (lengths[-1] > 0)  # Windows line breaks
    return list(zip(starts, lengths))


def _positions(raw: np.ndarray, byte: str, dtype) -> np.ndarray:
    """Where `byte` occurs in `raw`, a chunk at a time."""
    return np.concatenate([np.flatnonzero(raw[start:start + _CHUNK] == ord(byte)).astype(dtype) + start
                           for start in range(0, raw.size, _CHUNK)] or [np.empty(0, dtype)])
