"""An xlsx sheet too big to read is refused before calamine parses it, whatever it claims."""
import io
import random

import pytest

from bench._sheet_xml import row_xml, write_workbook
from chalicelib.domain.import_spec import ORDERS
from chalicelib.domain.table_reader import read_table
from chalicelib.domain.table_reader import sheet_size
from chalicelib.errors import FileRejected

HEADER = ["订单编号", "客户编码", "下单时间", "订单金额"]


def order_rows(count: int, refs: bool = True) -> list[bytes]:
    return [row_xml(1, HEADER, refs)] + [row_xml(n, [f"SO{n}", "C1", "2026-03-01 10:00", 12.5], refs)
                                         for n in range(2, count + 2)]


def workbook(rows: list[bytes], dimension: str | None = None) -> bytes:
    out = io.BytesIO()
    write_workbook(out, rows, dimension)
    return out.getvalue()


def refusal(data: bytes, max_cells: int) -> str:
    with pytest.raises(FileRejected) as refused:
        read_table(data, "orders.xlsx", ORDERS, max_cells=max_cells)
    return refused.value.message


def test_a_sheet_within_the_cell_limit_is_read_whether_or_not_it_names_its_cells():
    # 10 data rows + header, 4 columns = 44 cells
    for rows in (order_rows(10), order_rows(10, refs=False)):
        table = read_table(workbook(rows, "A1:D11"), "orders.xlsx", ORDERS, max_cells=44)
        assert len(table) == 10


def test_a_sheet_whose_dimension_claims_too_many_cells_is_refused_with_the_limit_and_how_to_fix_it():
    message = refusal(workbook(order_rows(10), "A1:D1048576"), max_cells=1000)

    assert "1,048,576 行 × 4 列" in message and "最多1,000个单元格，如 100 行 × 10 列" in message
    assert "拆分" in message and "CSV" in message


def test_a_sheet_that_lies_about_its_dimension_is_measured_by_its_cells():
    message = refusal(workbook(order_rows(20), "A1:D2"), max_cells=44)

    assert "行 × 4 列" in message


@pytest.mark.parametrize("refs", [True, False])
def test_a_sheet_without_a_dimension_is_measured_by_its_cells(refs):
    assert "× 4 列" in refusal(workbook(order_rows(20, refs)), max_cells=44)


def test_one_far_away_cell_counts_as_the_whole_grid_calamine_would_build():
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'

    message = refusal(workbook(order_rows(2) + [far]), max_cells=10_000_000)

    assert "1,048,576 行 × 16,384 列" in message


def test_a_sheet_whose_xml_is_bigger_than_the_cells_allow_is_refused_from_the_zip_directory(monkeypatch):
    monkeypatch.setattr(sheet_size, "MIN_XML_BYTES", 0)
    note = random.Random(7).randbytes(3000).hex()  # does not compress: no zip-bomb ratio
    rows = order_rows(1) + [row_xml(n, [f"SO{n}", "C1", "2026-03-01", 1, note]) for n in range(3, 13)]

    message = refusal(workbook(rows), max_cells=100)  # 6,400 bytes of XML allowed

    assert "工作表解压后约 0.1 MB，超过上限 0.0 MB" in message


def test_the_extent_scan_reads_references_across_blocks(monkeypatch):
    monkeypatch.setattr(sheet_size, "BLOCK", 50)  # every tag and reference straddles some block edge
    assert "× 4 列" in refusal(workbook(order_rows(20)), max_cells=44)
    assert len(read_table(workbook(order_rows(20)), "orders.xlsx", ORDERS, max_cells=84)) == 20


def test_an_excel_file_with_shared_strings_is_bounded_too():
    from tests.unit.import_fixtures import xlsx_bytes

    data = xlsx_bytes([HEADER] + [[f"SO{n}", "C1", "2026-03-01", 1] for n in range(30)])

    assert len(read_table(data, "orders.xlsx", ORDERS, max_cells=124)) == 30
    assert "31 行 × 4 列" in refusal(data, max_cells=123)
