import csv
import io
from datetime import date, datetime

import numpy as np
import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook

from chalicelib.domain.error_file import CUSTOMER_EXPORT_HEADERS, customers_export, error_file
from chalicelib.domain.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from chalicelib.domain.table import RawTable, RowIssue
from chalicelib.domain.table_reader import read_table


def _table(source_format: str, rows: list[list], headers=("会员编号", "手机", "生日", "备注")) -> RawTable:
    original = pd.DataFrame(rows, columns=list(headers), dtype=object)
    return RawTable(kind="customers", original=original,
                    headers={"customer_code": "会员编号", "mobile": "手机", "birthday": "生日"},
                    row_numbers=np.arange(2, len(rows) + 2, dtype=np.int64), source_format=source_format)


def _xlsx_rows(content: bytes) -> list[list]:
    return [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]]


def _csv_rows(content: bytes) -> list[list]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


ROWS = [
    ["C001", "13812345678", datetime(1985, 6, 1), "ok"],
    ["C002", "1234", datetime(1990, 1, 2), "=1+1"],
    ["C003", "13900000000", "1990-13-01", None],
    ["C004", "13700000000", datetime(2000, 2, 3), "-12.50"],
]
ISSUES = [
    RowIssue(5, "手机", "这一行稍后报告"),
    RowIssue(3, "手机", "手机号格式不正确，请输入 11 位中国大陆手机号"),
    RowIssue(4, "生日", "日期格式不正确"),
    RowIssue(3, "生日", "生日不能晚于今天"),
    RowIssue(3, "", "客户编码在文件中重复"),
    RowIssue(99, "手机", "不在表中的行被忽略"),
]


def test_xlsx_source_gives_the_whole_file_in_order_with_the_reasons_beside_the_bad_rows():
    # Given an xlsx import of four rows with problems on rows 3, 4 and 5 and an issue for a row that does not exist
    table = _table("xlsx", ROWS)

    # When the error file is built
    content, extension, content_type = error_file(table, ISSUES)

    # Then it is an xlsx of every row, as written and in order, with the joined reasons (none on the good row)
    assert (extension, content_type) == ("xlsx", XLSX_CONTENT_TYPE)
    assert _xlsx_rows(content) == [
        ["会员编号", "手机", "生日", "备注", "错误原因"],
        ["C001", "13812345678", datetime(1985, 6, 1), "ok", None],
        ["C002", "1234", datetime(1990, 1, 2), "'=1+1",
         "列 手机：手机号格式不正确，请输入 11 位中国大陆手机号；列 生日：生日不能晚于今天；客户编码在文件中重复"],
        ["C003", "13900000000", "1990-13-01", None, "列 生日：日期格式不正确"],
        ["C004", "13700000000", datetime(2000, 2, 3), "'-12.50", "列 手机：这一行稍后报告"],
    ]


def test_the_xlsx_error_file_has_the_template_sheet_name_so_it_reads_back_as_the_same_rows():
    table = _table("xlsx", ROWS)

    content, _, _ = error_file(table, ISSUES)
    again = read_table(content, "errors.xlsx", "customers")

    assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames == ["客户"]
    assert again.original["备注"].tolist()[:2] == ["ok", "=1+1"]  # our escape apostrophe is dropped on reading
    assert again.original["会员编号"].tolist() == ["C001", "C002", "C003", "C004"]


def test_escaped_cells_in_the_error_file_are_text_not_formulas():
    content, _, _ = error_file(_table("xlsx", ROWS), ISSUES)

    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert ws["D3"].data_type == "s"
    assert CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()[2][3] == "'=1+1"


def test_bulk_api_rows_get_an_xlsx_error_file():
    _, extension, _ = error_file(_table("json", ROWS), ISSUES)

    assert extension == "xlsx"


def test_csv_source_gives_every_row_as_csv_with_bom_and_escaped_cells():
    table = _table("csv", [[str(v) if v is not None else "" for v in row] for row in ROWS])

    content, extension, content_type = error_file(table, ISSUES[1:3])

    assert (extension, content_type) == ("csv", CSV_CONTENT_TYPE)
    assert _csv_rows(content) == [
        ["会员编号", "手机", "生日", "备注", "错误原因"],
        ["C001", "13812345678", "1985-06-01 00:00:00", "ok", ""],
        ["C002", "1234", "1990-01-02 00:00:00", "'=1+1", "列 手机：手机号格式不正确，请输入 11 位中国大陆手机号"],
        ["C003", "13900000000", "1990-13-01", "", "列 生日：日期格式不正确"],
        ["C004", "13700000000", "2000-02-03 00:00:00", "'-12.50", ""],
    ]


def test_a_file_of_more_rows_than_the_xlsx_limit_falls_back_to_csv_even_for_an_xlsx_source():
    content, extension, _ = error_file(_table("xlsx", ROWS), ISSUES[:1], csv_above=3)

    assert extension == "csv"
    assert [row[0] for row in _csv_rows(content)] == ["会员编号", "C001", "C002", "C003", "C004"]
    assert _csv_rows(content)[2][2] == "1990-01-02 00:00:00"


def test_a_reuploaded_error_file_gets_fresh_reasons_instead_of_a_second_reason_column():
    table = _table("xlsx", [["C001", "1", "old reason"], ["C002", "13812345678", "old reason"]],
                   headers=("会员编号", "手机", "错误原因"))

    content, _, _ = error_file(table, [RowIssue(2, "手机", "手机号格式不正确")])

    assert _xlsx_rows(content) == [["会员编号", "手机", "错误原因"], ["C001", "1", "列 手机：手机号格式不正确"],
                                   ["C002", "13812345678", None]]


def test_no_issues_gives_the_whole_file_with_an_empty_reason_column():
    content, _, _ = error_file(_table("xlsx", ROWS), [])

    rows = _xlsx_rows(content)
    assert rows[0] == ["会员编号", "手机", "生日", "备注", "错误原因"]
    assert len(rows) == 5 and all(row[-1] is None for row in rows[1:])


def test_customer_export_has_chinese_headers_and_readable_values():
    # Given one analysed and one unanalysed customer
    rows = [
        {"customer_code": "0012", "name": "张三", "mobile": "13812345678", "gender": "女", "birthday": "1985-06-01",
         "region": "浙江省/杭州市", "id_number_masked": "110105********002X", "tags": ["慢病", "会员"],
         "sms_consent": True, "rfm_class": "重要价值客户", "updated_at": "2026-03-01T06:05:30Z"},
        {"customer_code": "=cmd", "name": None, "mobile": None, "gender": None, "birthday": None,
         "region": {"province": "广东省", "city": "深圳市", "code": "440300"}, "id_number_masked": None,
         "tags": [], "sms_consent": False, "rfm_class": None, "updated_at": "2026-03-01T20:00:00+00:00"},
    ]

    # When exported
    ws = openpyxl.load_workbook(io.BytesIO(customers_export(rows))).worksheets[0]

    # Then values are shown the way a person reads them, in China time
    assert tuple(c.value for c in ws[1]) == CUSTOMER_EXPORT_HEADERS
    first = [c.value for c in ws[2]]
    assert first[:4] == ["0012", "张三", "13812345678", "女"]
    assert first[4].date() == date(1985, 6, 1)
    assert first[5:] == ["浙江省/杭州市", "110105********002X", "慢病,会员", "是", "重要价值客户",
                         datetime(2026, 3, 1, 14, 5)]
    assert ws["K2"].number_format == "yyyy-mm-dd hh:mm" and ws["A2"].number_format == "@"
    assert [c.value for c in ws[3]] == ["'=cmd", None, None, None, None, "广东省/深圳市", None, None, "否", "未分析",
                                       datetime(2026, 3, 2, 4, 0)]
