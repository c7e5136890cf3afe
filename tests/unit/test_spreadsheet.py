import csv
import io
import zipfile
from datetime import date, datetime, timezone

import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from chalicelib.domain.spreadsheet import Sheet, csv_bytes, escape_cell, xlsx_bytes


def _open(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def _calamine_rows(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("text", ["=1+1", "+86 138", "-12.50", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_could_run_as_a_formula_gets_a_leading_apostrophe(text):
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["张三", "C000123", "'=1+1", "", 12, -12.5, None, date(2026, 1, 1)])
def test_other_values_are_left_alone(value):
    assert escape_cell(value) == value


def test_xlsx_stores_formula_like_text_as_plain_text_never_as_a_formula():
    # Given text cells that a spreadsheet would otherwise evaluate
    sheet = Sheet("s", ["a", "b", "c"], [["=1+1", "-12.50", "#N/A"], [-12.5, 3, "=HYPERLINK(\"x\")"]])

    # When written
    content = xlsx_bytes([sheet])

    # Then they come back as escaped text, numbers stay numbers, and no formula is in the file
    ws = _open(content)
    assert [c.value for c in ws[2]] == ["'=1+1", "'-12.50", "#N/A"]
    assert [c.data_type for c in ws[2]] == ["s", "s", "s"]
    assert [c.value for c in ws[3]] == [-12.5, 3, "'=HYPERLINK(\"x\")"]
    assert ws["A3"].data_type == "n"
    assert _calamine_rows(content)[1] == ["'=1+1", "'-12.50", "#N/A"]
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and 't="e"' not in sheet_xml


def test_xlsx_header_is_bold_filled_frozen_and_escaped():
    ws = _open(xlsx_bytes([Sheet("客户", ["客户编码", "=cmd"], [["C1", "x"]], required=frozenset({0}))]))

    assert [c.value for c in ws[1]] == ["客户编码", "'=cmd"]
    assert ws["A1"].font.b and ws["B1"].font.b
    assert ws["A1"].font.color.rgb.endswith("C00000") and ws["B1"].font.color is None
    assert ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws.freeze_panes == "A2"
    assert ws.title == "客户"


def test_xlsx_keeps_dates_and_numbers_typed_and_applies_column_formats():
    rows = [[datetime(2026, 3, 1, 14, 5), date(1985, 6, 1), 128.5, "0012"]]
    ws = _open(xlsx_bytes([Sheet("s", ["t", "d", "n", "code"], rows,
                                 number_formats=["yyyy-mm-dd hh:mm", "yyyy-mm-dd", "0.00", "@"])]))

    assert ws["A2"].value == datetime(2026, 3, 1, 14, 5) and ws["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["B2"].is_date and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 128.5 and ws["C2"].number_format == "0.00"
    assert ws["D2"].value == "0012" and ws["D2"].number_format == "@"


def test_xlsx_turns_pandas_and_numpy_values_into_plain_cells():
    stamp = pd.Timestamp("2026-03-01 14:05", tz="UTC")
    rows = [[np.int64(7), np.float64(1.5), np.nan, pd.NaT, stamp, None, "a\x00b"]]

    ws = _open(xlsx_bytes([Sheet("s", list("abcdefg"), rows)]))

    assert [c.value for c in ws[2]] == [7, 1.5, None, None, datetime(2026, 3, 1, 14, 5), None, "ab"]


def test_xlsx_column_widths_follow_the_content_and_chinese_counts_double():
    ws = _open(xlsx_bytes([Sheet("s", ["a", "b", "c"], [["x", "浙江省杭州市西湖区", "y" * 200]])]))

    assert ws.column_dimensions["A"].width == 8
    assert ws.column_dimensions["B"].width == 20
    assert ws.column_dimensions["C"].width == 50


def test_xlsx_writes_every_sheet_and_accepts_rows_from_a_generator():
    sheets = [Sheet("一", ["a"], ([i] for i in range(300))), Sheet("二", ["b"], [], widths=[30])]

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(sheets)))

    assert workbook.sheetnames == ["一", "二"]
    assert workbook["一"].max_row == 301 and workbook["一"]["A301"].value == 299
    assert workbook["二"].column_dimensions["A"].width == 30


def test_csv_starts_with_a_utf8_bom_and_escapes_text_but_not_numbers():
    content = csv_bytes(["客户编码", "金额", "时间", "备注"], [
        ["C001", -12.5, datetime(2026, 3, 1, 14, 5), "=1+1"],
        ["-12.50", 13812345678.0, date(1985, 6, 1), None],
    ])

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [
        ["客户编码", "金额", "时间", "备注"],
        ["C001", "-12.5", "2026-03-01 14:05:00", "'=1+1"],
        ["'-12.50", "13812345678", "1985-06-01", ""],
    ]


def test_csv_keeps_commas_quotes_and_line_breaks_inside_one_cell():
    content = csv_bytes(["a"], [['x, "y"\nz']])

    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [["a"], ['x, "y"\nz']]


def test_timezone_aware_datetimes_are_written_without_the_zone():
    moment = datetime(2026, 3, 1, 6, 5, tzinfo=timezone.utc)

    assert _open(xlsx_bytes([Sheet("s", ["t"], [[moment]])]))["A2"].value == datetime(2026, 3, 1, 6, 5)
