import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from chalicelib.domain.import_spec import COLUMNS, CUSTOMERS, ORDERS
from chalicelib.domain.templates import EXAMPLE_HEADING, FORMATTED_ROWS, NOTES_HEADERS, template_xlsx


@pytest.fixture(scope="module")
def workbooks():
    return {kind: openpyxl.load_workbook(io.BytesIO(template_xlsx(kind))) for kind in (CUSTOMERS, ORDERS)}


@pytest.mark.parametrize("kind, title", [(CUSTOMERS, "客户"), (ORDERS, "订单")])
def test_first_sheet_is_named_after_the_kind_and_holds_the_chinese_headers(workbooks, kind, title):
    workbook = workbooks[kind]

    assert workbook.sheetnames == [title, "填写说明"]
    assert [c.value for c in workbook[title][1]] == [column.header for column in COLUMNS[kind]]


@pytest.mark.parametrize("kind", [CUSTOMERS, ORDERS])
def test_required_headers_are_red_and_every_header_carries_its_note(workbooks, kind):
    ws = workbooks[kind].worksheets[0]

    for cell, column in zip(ws[1], COLUMNS[kind]):
        assert cell.font.b
        assert (cell.font.color is not None and cell.font.color.rgb.endswith("C00000")) == column.required
        assert cell.comment.text == column.note
    assert ws.freeze_panes == "A2"


def test_order_columns_get_text_datetime_and_money_formats_for_a_thousand_rows(workbooks):
    ws = workbooks[ORDERS]["订单"]

    for row in (2, FORMATTED_ROWS + 1):
        assert [ws.cell(row=row, column=i).number_format for i in range(1, 5)] == [
            "@", "@", "yyyy-mm-dd hh:mm:ss", "0.00"]


def test_customer_codes_mobiles_and_id_numbers_are_text_so_leading_zeros_survive(workbooks):
    ws = workbooks[CUSTOMERS]["客户"]
    formats = {column.header: ws.cell(row=500, column=i).number_format
               for i, column in enumerate(COLUMNS[CUSTOMERS], 1)}

    assert formats["客户编码"] == formats["手机号"] == formats["身份证号"] == "@"
    assert formats["生日"] == "yyyy-mm-dd"


def test_columns_are_wide_enough_for_header_and_example(workbooks):
    ws = workbooks[CUSTOMERS]["客户"]

    assert ws.column_dimensions["G"].width >= len("11010519491231002X")


@pytest.mark.parametrize("kind", [CUSTOMERS, ORDERS])
def test_untouched_template_holds_only_the_header_row_so_it_imports_as_no_rows(kind):
    content = template_xlsx(kind)

    assert CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python() == [
        [column.header for column in COLUMNS[kind]]]
    assert pd.read_excel(io.BytesIO(content), engine="calamine").empty


@pytest.mark.parametrize("kind", [CUSTOMERS, ORDERS])
def test_notes_sheet_has_one_row_per_column_with_requirement_note_and_example(workbooks, kind):
    ws = workbooks[kind]["填写说明"]
    columns = COLUMNS[kind]

    assert tuple(c.value for c in ws[1][:4]) == NOTES_HEADERS
    for row, column in enumerate(columns, 2):
        assert [c.value for c in ws[row][:4]] == [
            column.header, "必填" if column.required else "选填", column.note, column.example]


def test_notes_sheet_ends_with_an_example_row_laid_out_like_the_data_sheet(workbooks):
    ws = workbooks[ORDERS]["填写说明"]
    heading = len(COLUMNS[ORDERS]) + 3

    assert ws.cell(row=heading, column=1).value == EXAMPLE_HEADING
    assert [c.value for c in ws[heading + 1]] == ["订单编号", "客户编码", "下单时间", "订单金额", "门店"]
    assert [c.value for c in ws[heading + 2]] == ["SO20260301001", "C000123", datetime(2026, 3, 1, 14, 5), 128.5,
                                                  "南山店"]
    assert ws.cell(row=heading + 2, column=4).number_format == "0.00"


def test_customer_example_keeps_the_id_number_as_text_and_the_birthday_as_a_date(workbooks):
    ws = workbooks[CUSTOMERS]["填写说明"]
    example = {c.value: v.value for c, v in zip(ws[len(COLUMNS[CUSTOMERS]) + 4], ws[len(COLUMNS[CUSTOMERS]) + 5])}

    assert example["身份证号"] == "11010519491231002X"
    assert example["生日"].date() == date(1985, 6, 1)
    assert example["手机号"] == "13812345678"


def test_unknown_kind_is_refused():
    with pytest.raises(KeyError):
        template_xlsx("products")
