"""Excel 97-2003 (.xls) files read like .xlsx: same tables, same limits, clear messages for what is not one."""
import pytest

from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.table_reader import read_table
from chalicelib.errors import FileRejected
from tests.unit.import_fixtures import xlsx_bytes
from tests.unit.xls_fixtures import far_corner_xls, xls_bytes

ORDER_ROWS = [["订单编号", "客户编码", "下单时间", "订单金额"], ["SO1", "C001", "2026-03-01 14:05", 128.5],
              ["SO2", "C002", "2026-03-02", 3]]


def test_an_xls_reads_as_the_same_xlsx_does():
    xls, xlsx = read_table(xls_bytes(ORDER_ROWS), "订单.XLS", ORDERS), read_table(xlsx_bytes(ORDER_ROWS), "a.xlsx", ORDERS)
    assert xls.source_format == "xls"
    assert xls.headers == xlsx.headers
    assert xls.original.values.tolist() == xlsx.original.values.tolist()
    assert xls.row_numbers.tolist() == [2, 3]


def test_the_sheet_named_like_the_template_is_chosen_in_an_xls_too():
    table = read_table(xls_bytes([["客户编码"], ["C1"]], sheet="客户"), "a.xls", CUSTOMERS)
    assert table.column("customer_code").tolist() == ["C1"]


def test_an_xls_with_more_rows_than_allowed_is_refused_with_the_xlsx_message():
    rows = [ORDER_ROWS[0]] + [["SO%d" % n, "C1", "2026-03-01", 1] for n in range(10)]
    with pytest.raises(FileRejected, match="超过上限 5 行"):
        read_table(xls_bytes(rows), "a.xls", ORDERS, max_rows=5)


def test_an_xls_whose_cells_span_more_than_the_cell_limit_is_refused_before_calamine_reads_it():
    with pytest.raises(FileRejected, match="超过上限"):
        read_table(far_corner_xls(), "a.xls", CUSTOMERS)


def test_shared_text_copied_into_many_cells_is_refused():
    rows = [["客户编码", "客户名称"]] + [[f"C{n}", "长" * 2000] for n in range(400)]
    with pytest.raises(FileRejected, match="重复引用"):
        read_table(xls_bytes(rows), "a.xls", CUSTOMERS, max_cells=1000)
    assert len(read_table(xls_bytes(rows), "a.xls", CUSTOMERS)) == 400


@pytest.mark.parametrize("content", [b"PK\x03\x04 an xlsx renamed", "客户编码\nC1\n".encode()])
def test_a_renamed_file_with_an_xls_extension_is_refused_as_not_xls(content):
    with pytest.raises(FileRejected, match="不是 .xls 格式"):
        read_table(content, "a.xls", CUSTOMERS)


def test_a_truncated_xls_is_refused_as_damaged():
    data = xls_bytes(ORDER_ROWS)
    with pytest.raises(FileRejected, match="已损坏"):
        read_table(data[:1500], "a.xls", ORDERS)


def test_an_xls_saved_under_an_xlsx_name_says_to_rename_it():
    with pytest.raises(FileRejected, match="改回 .xls"):
        read_table(xls_bytes(ORDER_ROWS), "a.xlsx", ORDERS)
