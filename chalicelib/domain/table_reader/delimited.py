"""CSV text: encoding detection, then columns of str cells.

Files without quotes (what ERP exports usually are) are split with two C-speed str calls and
checked to have the same number of fields on every line; anything else goes through the csv
module, which handles quoting, embedded line breaks and ragged rows. The first line (usually
the Chinese header) is decoded apart from the rest, so that an all-ASCII body stays a compact
one-byte string, which every later string operation handles faster.
"""
import codecs
import csv
import io
import itertools

import numpy as np

from chalicelib.domain.table_reader.layout import too_many_rows
from chalicelib.errors import FileRejected

_LINE_MARK = "\x01"  # stands in for line breaks in the fast split; files containing it use csv


def read(data: bytes, max_rows: int) -> tuple[np.ndarray, bool]:
    """(str cells, rows x columns; whether any cell may start with an apostrophe)."""
    head, body = _decode(data)
    if "\r" in head or "\r" in body:
        head, body = head.replace("\r\n", "\n"), body.replace("\r\n", "\n")
    separator = separator_of(head + body[:65536])
    lines = 1 + body.count("\n") + (0 if body.endswith("\n") or not body else 1)
    quoted = '"' in head or '"' in body
    if lines > max_rows and not quoted:  # without quotes every line is a row
        raise FileRejected(too_many_rows(lines, max_rows))
    columns = None if quoted else _split_plain(head, body, separator, lines - 1)
    if columns is None:
        columns = _split_quoted(head + body, separator, max_rows)
    return columns, "'" in head or "'" in body


def _decode(data: bytes) -> tuple[str, str]:
    """(first line, the rest): UTF-8 with or without BOM, else GB18030 (covers GBK and GB2312).

    A line break byte never occurs inside a multi-byte character in either encoding, so the
    two parts decode exactly as the whole would.
    """
    bom = data.startswith(codecs.BOM_UTF8)
    cut = data.find(b"\n") + 1 or len(data)
    parts = (data[len(codecs.BOM_UTF8) if bom else 0:cut], data[cut:])
    for encoding in ("utf-8",) if bom else ("utf-8", "gb18030"):
        try:
            return parts[0].decode(encoding), parts[1].decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected("无法识别文件的文字编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后上传")


def separator_of(text: str) -> str:
    """Comma, unless the first non-empty line has none and has tabs or semicolons instead."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    if "," in first or not ("\t" in first or ";" in first):
        return ","
    return max(("\t", ";"), key=first.count)


def _split_plain(head: str, body: str, separator: str, lines: int) -> np.ndarray | None:
    """Cells of an unquoted file (head and `lines` lines of body), or None if lines differ in width."""
    if _LINE_MARK in head or _LINE_MARK in body or "\r" in head or "\r" in body:
        return None
    header = head.rstrip("\n").split(separator)
    width, stride = len(header), len(header) + 1
    body = body[:-1] if body.endswith("\n") else body
    if not lines:
        return np.array([header], dtype=object)
    cells = body.replace("\n", f"{separator}{_LINE_MARK}{separator}").split(separator)
    if len(cells) != lines * stride - 1 or cells[width::stride].count(_LINE_MARK) != lines - 1:
        return None  # some line has a different number of fields from the first
    cells[:0] = [*header, _LINE_MARK]
    cells.append(_LINE_MARK)
    grid = np.fromiter(cells, dtype=object, count=len(cells)).reshape(lines + 1, stride)
    return grid[:, :width]  # a view: no copy of a million pointers


def _split_quoted(text: str, separator: str, max_rows: int) -> np.ndarray:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        rows = list(itertools.islice(reader, max_rows + 1))
    except csv.Error:
        raise FileRejected(f"CSV 格式有误（第 {reader.line_num} 行附近），请在 Excel 中打开检查后重新保存") from None
    if len(rows) > max_rows:
        raise FileRejected(f"文件超过上限 {max_rows:,} 行，请拆分后分批导入")
    width = max(map(len, rows), default=0)
    for row in rows:
        if len(row) < width:  # a short row (a blank line is []) ends in blank cells
            row.extend([""] * (width - len(row)))
    grid = np.fromiter(itertools.chain.from_iterable(rows), dtype=object, count=len(rows) * width)
    return grid.reshape(len(rows), width)
