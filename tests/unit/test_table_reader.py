"""Reading import files: format by content, header matching, blank rows, limits, bulk rows."""
import codecs
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.table_reader import delimited, plain_csv, read_table, rows_table
from chalicelib.domain.table_reader.packed_table import PackedTable
from chalicelib.errors import FileRejected
from tests.unit.import_fixtures import (
    CUSTOMER_HEADER,
    ORDER_HEADER,
    claims_size,
    csv_bytes,
    with_cached_values,
    xlsx_bytes,
    zip_bomb,
)

ORDER = ["SO1", "C001", "2026-03-01 14:05", "128.50"]


def rejected(data: bytes, filename: str, kind: str = ORDERS, **options) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        read_table(data, filename, kind, **options)
    return caught.value


# --- format by content -----------------------------------------------------------------------

def test_an_xlsx_is_read_with_every_cell_and_the_first_data_row_numbered_2():
    table = read_table(xlsx_bytes([ORDER_HEADER, ["SO1", "C001", dt.datetime(2026, 3, 1, 14, 5), 128.5]]),
                       "订单.xlsx", ORDERS)
    assert table.source_format == "xlsx"
    assert list(table.row_numbers) == [2]
    assert table.column("ordered_at")[0] == dt.datetime(2026, 3, 1, 14, 5)
    assert table.column("amount")[0] == 128.5
    assert table.headers == {"order_id": "订单编号", "customer_code": "客户编码", "ordered_at": "下单时间", "amount": "订单金额"}


def test_the_extension_is_compared_without_case():
    assert read_table(csv_bytes([ORDER_HEADER, ORDER]), "ORDERS.CSV", ORDERS).source_format == "csv"
    assert read_table(xlsx_bytes([ORDER_HEADER, ORDER]), "Orders.XLSX", ORDERS).source_format == "xlsx"


def test_an_old_xls_file_is_refused_with_how_to_save_it():
    error = rejected(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "orders.xlsx")
    assert "请在 Excel 中另存为 .xlsx 或 .csv 后再上传" in error.message
    assert error.code == "FILE_REJECTED"


def test_an_xlsx_that_is_not_a_zip_is_said_not_to_match_its_extension():
    assert "与扩展名不符" in rejected(b"order_id,amount\n", "orders.xlsx").message


def test_a_csv_that_is_really_a_workbook_or_binary_is_said_not_to_match_its_extension():
    assert "与扩展名不符" in rejected(xlsx_bytes([ORDER_HEADER, ORDER]), "orders.csv").message
    assert "与扩展名不符" in rejected(b"a,b\n\x00\x01", "orders.csv").message


def test_a_utf16_csv_is_refused_with_the_encoding_to_choose():
    data = codecs.BOM_UTF16_LE + "订单编号\t客户编码\n".encode("utf-16-le")
    assert "CSV UTF-8" in rejected(data, "orders.csv").message


@pytest.mark.parametrize("filename", ["orders.xlsm", "orders.txt", "orders"])
def test_other_extensions_are_refused_listing_the_accepted_ones(filename):
    assert "只接受 .xlsx、.xls 或 .csv" in rejected(b"x", filename).message


def test_an_empty_file_is_refused():
    assert "空" in rejected(b"", "orders.csv").message
    assert "空" in rejected(b"\n\n , \n", "orders.csv").message


def test_a_file_with_only_a_header_is_refused():
    assert "没有数据行" in rejected(csv_bytes([ORDER_HEADER]), "orders.csv").message


# --- xlsx safety -------------------------------------------------------------------------------

def test_a_zip_bomb_is_refused_from_its_directory_alone():
    assert "压缩比异常" in rejected(zip_bomb(), "orders.xlsx").message


def test_an_archive_claiming_more_than_2_gib_uncompressed_is_refused():
    assert "2 GB" in rejected(claims_size(3 * 1024 ** 3), "orders.xlsx").message


def test_a_truncated_xlsx_is_refused_as_damaged():
    data = xlsx_bytes([ORDER_HEADER, ORDER])
    assert "已损坏" in rejected(data[: len(data) // 2], "orders.xlsx").message


def test_a_zip_that_is_not_a_workbook_is_refused():
    assert "无法读取" in rejected(claims_size(100), "orders.xlsx").message


# --- sheets, formulas, cells ----------------------------------------------------------------

def test_the_sheet_named_like_the_template_is_read_even_when_not_first():
    data = xlsx_bytes([ORDER_HEADER, ORDER], sheet="订单", before=("说明",))
    assert read_table(data, "a.xlsx", ORDERS).column("order_id").tolist() == ["SO1"]


def test_an_english_sheet_name_matches_too():
    data = xlsx_bytes([ORDER_HEADER, ORDER], sheet="Orders", before=("notes",))
    assert read_table(data, "a.xlsx", ORDERS).column("order_id").tolist() == ["SO1"]


def test_without_a_named_sheet_the_first_visible_sheet_is_read():
    data = xlsx_bytes([ORDER_HEADER, ORDER], sheet="数据", before=("隐藏",), hidden=("隐藏",))
    assert read_table(data, "a.xlsx", ORDERS).column("order_id").tolist() == ["SO1"]


def test_a_formula_is_read_as_its_cached_value():
    data = with_cached_values(xlsx_bytes([ORDER_HEADER, ["SO1", "C001", "2026-03-01", "=100+28.5"]]), {"D2": "128.5"})
    assert read_table(data, "a.xlsx", ORDERS).column("amount").tolist() == [128.5]


def test_leading_zeros_of_codes_survive_in_csv_and_xlsx():
    rows = [ORDER_HEADER, ["00123", "000456", "2026-03-01", "1"]]
    for table in (read_table(csv_bytes(rows), "a.csv", ORDERS), read_table(xlsx_bytes(rows), "a.xlsx", ORDERS)):
        assert table.column("order_id").tolist() == ["00123"]
        assert table.column("customer_code").tolist() == ["000456"]


def test_an_apostrophe_escaping_a_formula_is_removed_so_exports_can_be_re_uploaded():
    rows = [ORDER_HEADER, ["'=SO1", "'+C1", "2026-03-01", "'-5"], ["'SO2", "C2", "2026-03-01", "1"]]
    for table in (read_table(csv_bytes(rows), "a.csv", ORDERS), read_table(xlsx_bytes(rows), "a.xlsx", ORDERS)):
        assert table.column("order_id").tolist() == ["=SO1", "'SO2"]
        assert table.column("customer_code").tolist() == ["+C1", "C2"]
        assert table.column("amount").tolist()[0] == "-5"


# --- header and rows --------------------------------------------------------------------------

def test_the_header_is_the_first_non_blank_row_and_row_numbers_stay_the_sheets():
    rows = [[], ["", ""], ORDER_HEADER, ORDER, [], ["  ", " "], ["SO2", "C2", "2026-03-02", "3"]]
    for data, name in ((xlsx_bytes(rows), "a.xlsx"), (csv_bytes(rows), "a.csv")):
        table = read_table(data, name, ORDERS)
        assert table.row_numbers.tolist() == [4, 7], name
        assert table.column("order_id").tolist() == ["SO1", "SO2"]


def test_columns_may_come_in_any_order_with_english_or_alias_headers():
    rows = [["Amount", "备注", "Order_No", "会员编号", "销售时间"], ["9.9", "x", "SO1", "C1", "2026-03-01"]]
    table = read_table(csv_bytes(rows), "a.csv", ORDERS)
    assert table.headers == {"amount": "Amount", "order_id": "Order_No", "customer_code": "会员编号",
                             "ordered_at": "销售时间"}
    assert table.ignored_headers == ["备注"]
    assert table.column("order_id").tolist() == ["SO1"]


def test_full_width_and_spaced_headers_still_match():
    rows = [["ＯＲＤＥＲ_ＩＤ", " 客户 编码 ", "下单时间", "金额"], ORDER]
    assert read_table(csv_bytes(rows), "a.csv", ORDERS).headers["order_id"] == "ＯＲＤＥＲ_ＩＤ"


def test_a_field_given_by_two_columns_is_refused_naming_both():
    rows = [["订单编号", "客户编码", "会员编号", "下单时间", "订单金额"], ["SO1", "C1", "C1", "2026-03-01", "1"]]
    message = rejected(csv_bytes(rows), "a.csv").message
    assert "客户编码" in message and "会员编号" in message


def test_missing_required_columns_are_named_with_the_headers_found():
    error = rejected(csv_bytes([["订单编号", "金额", "备注"], ["SO1", "1", "x"]]), "a.csv")
    assert "缺少必填列：客户编码、下单时间" in error.message
    assert "订单编号、金额、备注" in error.message
    assert error.details == [{"field": "客户编码", "message": "缺少必填列"},
                             {"field": "下单时间", "message": "缺少必填列"}]


def test_a_customer_file_uploaded_as_orders_gets_a_hint():
    error = rejected(csv_bytes([CUSTOMER_HEADER, ["C1"] + [""] * 8]), "a.csv")
    assert "这似乎是客户文件" in error.message


def test_a_column_without_a_header_but_with_data_is_ignored_by_its_letter():
    table = read_table(csv_bytes([ORDER_HEADER + ["", ""], ORDER + ["", "note"]]), "a.csv", ORDERS)
    assert table.ignored_headers == ["（F 列，无列名）"]


# --- csv text -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk_is_decoded(encoding):
    table = read_table(csv_bytes([ORDER_HEADER, ["单号一", "客户甲", "2026-03-01", "1"]], encoding), "a.csv", ORDERS)
    assert table.headers["order_id"] == "订单编号"
    assert table.column("order_id").tolist() == ["单号一"]


def test_csv_in_no_chinese_encoding_is_refused():
    assert "编码" in rejected(b"order_id,customer_code,ordered_at,amount\n\x80\xff,\xff\x80,1,2\n", "a.csv").message


def test_quoted_csv_cells_may_hold_commas_quotes_and_line_breaks():
    data = ('订单编号,客户编码,下单时间,订单金额\n"SO,1","C""1","2026-03-01","1,280.50"\n'
            '"SO2","多行\n备注",2026-03-02,1\nSO3,C3,2026-03-03,2\n').encode()
    table = read_table(data, "a.csv", ORDERS)
    assert table.column("order_id").tolist() == ["SO,1", "SO2", "SO3"]
    assert table.column("customer_code").tolist() == ["C\"1", "多行\n备注", "C3"]
    assert table.row_numbers.tolist() == [2, 3, 4]


def test_ragged_csv_rows_are_padded_with_blanks():
    table = read_table(b"order_id,customer_code,ordered_at,amount\nSO1,C1\nSO2,C2,2026-03-01,1,extra\n", "a.csv", ORDERS)
    assert table.column("ordered_at").tolist() == ["", "2026-03-01"]
    assert table.ignored_headers == ["（E 列，无列名）"]


def test_windows_line_endings_and_tab_separators_are_understood():
    crlf = read_table(csv_bytes([ORDER_HEADER, ORDER], newline="\r\n"), "a.csv", ORDERS)
    assert crlf.column("amount").tolist() == ["128.50"]
    tabs = read_table("订单编号\t客户编码\t下单时间\t订单金额\nSO1\tC1\t2026-03-01\t5\n".encode(), "a.csv", ORDERS)
    assert tabs.column("customer_code").tolist() == ["C1"]


# --- unquoted csv: split with numpy, cells also given as bytes ---------------------------------

CELL = st.text("SO12 张,;\t-.", max_size=6) | st.text("张a ", min_size=60, max_size=70)  # long: decoded by index


@st.composite
def unquoted_csv(draw):
    """(bytes of an unquoted file, the same file with a quoted header, encoding): any mix of
    separators, line breaks, blank cells and rows, spaces, Chinese, long cells, escaped formulas
    and trailing blank lines."""
    separator = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    header = ORDER_HEADER + draw(st.lists(st.sampled_from(["备注", ""]), max_size=2))
    cell = CELL.map(lambda text: "".join(ch for ch in text if ch not in ",;\t" or ch != separator))
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=8))
    if rows and draw(st.integers(0, 4)) == 0:
        rows[-1][0] = "'=1"  # an escaped formula
    lines = [separator.join(row) for row in rows] + [""] * draw(st.integers(0, 2))
    end = draw(st.sampled_from(["", newline]))
    body = newline.join(lines) + end if rows else end
    plain = (separator.join(header) + newline + body).encode(encoding)
    quoted = (separator.join(f'"{name}"' for name in header) + newline + body).encode(encoding)
    return plain, quoted, encoding.replace("-sig", "")


@settings(max_examples=100, deadline=None)
@given(unquoted_csv(), st.integers(1, 6))
def test_an_unquoted_csv_over_the_row_limit_is_refused_as_the_text_reader_would(case, limit):
    plain = case[0]
    try:
        delimited.read(plain, limit)
    except FileRejected as refused:
        assert rejected(plain, "a.csv", max_rows=limit).message == refused.message
        return
    try:
        read_table(plain, "a.csv", ORDERS, max_rows=limit)
    except FileRejected as refused:
        assert "超过上限" not in refused.message


def cell_text_of(packed, encoding: str) -> list[str]:
    return [bytes(packed.buffer[start:start + length]).decode(encoding)
            for start, length in zip(packed.starts, packed.lengths)]


@settings(max_examples=200, deadline=None)
@given(unquoted_csv())
def test_an_unquoted_csv_reads_as_the_csv_module_would_and_its_bytes_match_its_cells(case):
    plain, quoted, encoding = case
    try:
        expected = read_table(quoted, "a.csv", ORDERS)
    except FileRejected as refused:
        assert rejected(plain, "a.csv").message == refused.message
        return
    table = read_table(plain, "a.csv", ORDERS)
    assert len(table) == len(expected)
    for field in table.headers:  # one column decoded alone, before `original` exists
        assert table.column(field).tolist() == expected.column(field).tolist()
    assert table.original.equals(expected.original) and list(table.original) == list(expected.original)
    assert table.row_numbers.tolist() == expected.row_numbers.tolist()
    assert (table.headers, table.ignored_headers) == (expected.headers, expected.ignored_headers)
    for j, (_, packed) in enumerate(getattr(table, "columns", [])):
        assert cell_text_of(packed, encoding) == table.original.iloc[:, j].tolist()


def test_a_plain_csv_keeps_its_cells_as_bytes_and_anything_else_is_read_as_text():
    assert isinstance(read_table(csv_bytes([ORDER_HEADER, ORDER, ORDER], newline="\r\n"), "a.csv", ORDERS),
                      PackedTable)
    blank_row = read_table(csv_bytes([ORDER_HEADER, ORDER, ["", " ", "", ""], ORDER, [], []]), "a.csv", ORDERS)
    assert isinstance(blank_row, PackedTable) and blank_row.row_numbers.tolist() == [2, 4]
    assert blank_row.column("order_id").tolist() == ["SO1", "SO1"]
    escaped = read_table(csv_bytes([ORDER_HEADER, ["'=SO1", "C1", "2026-03-01", "1"]]), "a.csv", ORDERS)
    assert escaped.column("order_id").tolist() == ["=SO1"] and not isinstance(escaped, PackedTable)
    blank_header = read_table(csv_bytes([["", ""], ORDER_HEADER, ORDER]), "a.csv", ORDERS)
    assert blank_header.row_numbers.tolist() == [3] and not isinstance(blank_header, PackedTable)
    lone_cr = b"order_id,customer_code,ordered_at,amount\nSO1,C\r1,2026-03-01,1\n"  # left to the csv module
    assert not isinstance(read_table(lone_cr, "a.csv", ORDERS), PackedTable)
    grid, _ = delimited.read(b"h\na\nb,\n", 9)  # one column, but a separator in a cell: ragged
    assert grid.tolist() == [["h", ""], ["a", ""], ["b", ""]]
    assert plain_csv.read(b"h\na\nb,\n", 9) is None


# --- limits -------------------------------------------------------------------------------------

def test_a_csv_over_the_row_limit_is_refused_with_its_size():
    rows = [ORDER_HEADER] + [ORDER] * 5
    assert rejected(csv_bytes(rows), "a.csv", max_rows=5).message == "文件共 6 行，超过上限 5 行，请拆分后分批导入"
    assert len(read_table(csv_bytes(rows), "a.csv", ORDERS, max_rows=6)) == 5


def test_a_quoted_csv_over_the_row_limit_is_refused():
    rows = [ORDER_HEADER] + [['"SO1"', "C1", "2026-03-01", "1"]] * 5
    assert "超过上限 5 行" in rejected(csv_bytes(rows), "a.csv", max_rows=5).message


def test_an_xlsx_over_the_row_limit_is_refused_before_its_cells_are_read():
    rows = [ORDER_HEADER] + [ORDER] * 5
    assert rejected(xlsx_bytes(rows), "a.xlsx", max_rows=5).message == "文件共 6 行，超过上限 5 行，请拆分后分批导入"


def test_the_default_limit_is_excels_sheet_size():
    assert "1,048,576" in rejected(b"h\n" * 1_048_577, "a.csv").message


# --- bulk rows ---------------------------------------------------------------------------------

def test_bulk_rows_use_field_names_or_headers_and_are_numbered_from_1():
    table = rows_table([{"customer_code": "C1", "手机号": "13812345678", "vip": True}, {"客户编码": "C2"}], CUSTOMERS)
    assert table.source_format == "json"
    assert table.row_numbers.tolist() == [1, 2]
    assert table.column("customer_code").tolist() == ["C1", "C2"]
    assert table.column("mobile").tolist() == ["13812345678", ""]
    assert table.headers["customer_code"] == "customer_code"
    assert table.ignored_headers == ["vip"]


def test_bulk_nulls_are_blank_cells_and_numbers_stay_numbers():
    table = rows_table([{"order_id": "SO1", "customer_code": None, "ordered_at": "2026-03-01", "amount": 12.5}], ORDERS)
    assert table.column("customer_code").tolist() == [""]
    assert table.column("amount").tolist() == [12.5]


def test_bulk_items_that_are_not_objects_are_refused_by_number():
    with pytest.raises(FileRejected) as caught:
        rows_table([{"customer_code": "C1"}, "C2", ["C3"]], CUSTOMERS)
    assert "第 2、3 条" in caught.value.message
    assert [detail["row"] for detail in caught.value.details] == [2, 3]


def test_bulk_values_that_are_lists_or_a_field_given_twice_are_refused():
    with pytest.raises(FileRejected, match="第 1、2 条"):
        rows_table([{"customer_code": "C1", "tags": ["a"]}, {"customer_code": "C2", "客户编码": "C2"}], CUSTOMERS)


def test_bulk_requests_must_hold_rows_and_not_too_many():
    with pytest.raises(FileRejected):
        rows_table([], CUSTOMERS)
    with pytest.raises(FileRejected, match="最多提交 2 行"):
        rows_table([{"customer_code": "C1"}] * 3, CUSTOMERS, max_rows=2)


def test_bulk_rows_missing_a_required_field_are_refused_like_files():
    with pytest.raises(FileRejected, match="缺少必填列：客户编码"):
        rows_table([{"name": "张三"}], CUSTOMERS)
