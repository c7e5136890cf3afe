"""The downloadable import templates, built from the column spec so they always match validation."""
import io
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from chalicelib.domain.import_spec import COLUMNS, KIND_LABELS, Column
from chalicelib.domain.spreadsheet import (
    HEADER_ALIGNMENT,
    HEADER_FILL,
    HEADER_FONT,
    REQUIRED_HEADER_FONT,
    display_width,
    escape_cell,
)

FORMATTED_ROWS = 1000  # data rows that get the column's number format, so Excel keeps leading zeros
NOTES_TITLE = "填写说明"
NOTES_HEADERS = ("列名", "是否必填", "填写说明", "示例")
EXAMPLE_HEADING = "示例行（请在第一个工作表中填写数据，不要修改表头）"
_NOTES_WIDTHS = (14, 10, 70, 22)
_COMMENT_AUTHOR = "精准营销云"


def template_xlsx(kind: str) -> bytes:
    """The import template for "customers" or "orders": a header-only data sheet and a notes sheet."""
    columns = COLUMNS[kind]
    workbook = Workbook()
    data = workbook.active
    data.title = KIND_LABELS[kind]
    _write_data_sheet(data, columns)
    _write_notes_sheet(workbook.create_sheet(NOTES_TITLE), columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_data_sheet(ws, columns: tuple[Column, ...]) -> None:
    _write_header_row(ws, 1, columns, with_comments=True)
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = _column_width(column)
        # Only a format, no value: an untouched template still imports as "no rows"
        for row in range(2, FORMATTED_ROWS + 2):
            ws.cell(row=row, column=index).number_format = column.number_format
    ws.freeze_panes = "A2"


def _write_notes_sheet(ws, columns: tuple[Column, ...]) -> None:
    for index, (header, width) in enumerate(zip(NOTES_HEADERS, _NOTES_WIDTHS), 1):
        _style_header(ws.cell(row=1, column=index, value=header), required=False)
        ws.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, column in enumerate(columns, 2):
        values = (column.header, "必填" if column.required else "选填", column.note, column.example)
        for index, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=index, value=escape_cell(value))
            cell.data_type = "s"
            cell.alignment = wrap
        if column.required:
            ws.cell(row=row, column=2).font = REQUIRED_HEADER_FONT
    heading_row = len(columns) + 3
    ws.cell(row=heading_row, column=1, value=EXAMPLE_HEADING).font = Font(bold=True)
    _write_header_row(ws, heading_row + 1, columns, with_comments=False)
    for index, column in enumerate(columns, 1):
        cell = ws.cell(row=heading_row + 2, column=index, value=_example_value(column))
        cell.number_format = column.number_format
    ws.freeze_panes = "A2"


def _write_header_row(ws, row: int, columns: tuple[Column, ...], with_comments: bool) -> None:
    for index, column in enumerate(columns, 1):
        cell = ws.cell(row=row, column=index, value=column.header)
        _style_header(cell, column.required)
        if with_comments:
            cell.comment = Comment(column.note, _COMMENT_AUTHOR, width=320, height=110)


def _style_header(cell, required: bool) -> None:
    cell.font = REQUIRED_HEADER_FONT if required else HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT


def _example_value(column: Column):
    """The example typed the way Excel would hold it in that column: text, date, date-time or number."""
    if column.number_format == "yyyy-mm-dd":
        return date.fromisoformat(column.example)
    if column.number_format.startswith("yyyy"):
        return datetime.fromisoformat(column.example)
    if column.number_format != "@":
        return float(column.example)
    return escape_cell(column.example)


def _column_width(column: Column) -> int:
    return max(display_width(column.header), display_width(column.example)) + 6
