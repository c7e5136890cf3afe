"""Writing xlsx and csv files that are safe to open: no cell can ever run as a formula.

Every spreadsheet the product hands out (exports, error files) goes through here.
"""
import csv
import io
import itertools
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

HEADER_FONT = Font(bold=True)
REQUIRED_HEADER_FONT = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_WIDTH_SAMPLE_ROWS = 200
_MIN_WIDTH, _MAX_WIDTH = 8, 50


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]  # may be a generator: it is read once
    number_formats: Sequence[str | None] = ()  # per column, applied to non-empty data cells
    widths: Sequence[float] = ()  # per column; measured from the data when empty
    required: frozenset[int] = field(default_factory=frozenset)  # header indexes shown in red


def escape_cell(value):
    """A text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def plain(value):
    """A cell value as Python's own types: empty is None, pandas/numpy scalars unwrapped, datetimes naive."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones; the caller chose the clock
    return value


def display_width(value) -> int:
    """Roughly how many Latin characters wide a value shows: Chinese characters count double."""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """One workbook with a styled, frozen header row per sheet; write-only so large sheets stay fast."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet.title), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with BOM, so Excel on Chinese Windows reads it without garbling."""
    return b"".join(csv_chunks(headers, rows))


def csv_chunks(headers: Sequence[str], rows: Iterable[Sequence], chunk_bytes: int = 1 << 20) -> Iterator[bytes]:
    """csv_bytes a chunk of about chunk_bytes at a time, so a big file need not be held whole."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")  # encoded as written
    writer = csv.writer(text)
    writer.writerow([escape_cell(str(header)) for header in headers])
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
        if buffer.tell() >= chunk_bytes:
            text.flush()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    text.flush()
    yield buffer.getvalue()


def _write_sheet(ws, sheet: Sheet) -> None:
    rows = iter(sheet.rows)
    sample = list(itertools.islice(rows, _WIDTH_SAMPLE_ROWS))
    widths = sheet.widths or _measured_widths(sheet.headers, sample)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, header, index in sheet.required) for index, header in enumerate(sheet.headers)])
    formats = list(sheet.number_formats)
    for row in itertools.chain(sample, rows):
        ws.append(_xlsx_row(ws, row, formats))


def _header_cell(ws, header, required: bool) -> WriteOnlyCell:
    cell = _text_cell(ws, _xlsx_value(str(header)))
    cell.font = REQUIRED_HEADER_FONT if required else HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT
    return cell


def _xlsx_row(ws, row: Sequence, formats: list) -> list:
    out = []
    for index, raw in enumerate(row):
        value = _xlsx_value(raw)
        number_format = formats[index] if index < len(formats) else None
        if isinstance(value, str) and value in ERROR_CODES:
            value = _text_cell(ws, value)  # "#N/A" typed as text must not become an error cell
            value.number_format = number_format or "General"
        elif value is not None and number_format:
            value = WriteOnlyCell(ws, value)
            value.number_format = number_format
        out.append(value)
    return out


def _text_cell(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, text)
    cell.data_type = "s"  # never a formula or an error, whatever the text looks like
    return cell


def _xlsx_value(raw):
    value = plain(raw)
    if isinstance(value, str):
        # openpyxl refuses control characters, and would store a text starting with "=" as a formula
        return escape_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _csv_text(raw) -> str:
    value = plain(raw)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13812345678.0 read from Excel is the number 13812345678
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return escape_cell(value) if isinstance(value, str) else str(value)


def _measured_widths(headers: Sequence, sample: list) -> list[float]:
    widths: list[float] = []
    for index, header in enumerate(headers):
        values = [plain(row[index]) for row in sample if index < len(row)]
        longest = max([display_width(header)] + [display_width(v) for v in values if v is not None])
        widths.append(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))
    return widths
