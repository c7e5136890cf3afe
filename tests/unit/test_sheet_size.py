"""An xlsx sheet too big to read is refused before calamine parses it, whatever it claims."""
import io
import random
import zipfile

import pytest

from bench._sheet_xml import row_xml, shared_cell, write_workbook
from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.table_reader import read_table, sheet_size
from chalicelib.errors import FileRejected

HEADER = ["订单编号", "客户编码", "下单时间", "订单金额"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def order_rows(count: int, refs: bool = True) -> list[bytes]:
    return [row_xml(1, HEADER, refs)] + [row_xml(n, [f"SO{n}", "C1", "2026-03-01 10:00", 12.5], refs)
                                         for n in range(2, count + 2)]


def workbook(rows: list[bytes], dimension: str | None = None) -> bytes:
    out = io.BytesIO()
    write_workbook(out, rows, dimension)
    return out.getvalue()


def prefixed_workbook(sheet: str, strings: str) -> bytes:
    """The bench workbook with its sheet data and shared strings replaced by the given XML."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook([]))), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename.endswith("sheet1.xml"):
                content = content.replace(b"<sheetData></sheetData>", f"<sheetData>{sheet}</sheetData>".encode())
            elif entry.filename.endswith("sharedStrings.xml"):
                content = f'<?xml version="1.0" encoding="UTF-8"?>{strings}'.encode()
            target.writestr(entry, content)
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


LONG = "长" * 32_767  # the most a cell holds; 98 KB of UTF-8


def shared_workbook(cells: list[str], shared: list[str]) -> bytes:
    """One cell a row; `cells` are whole <c> elements, `shared` the <si> texts they name."""
    out = io.BytesIO()
    write_workbook(out, [f'<row r="{n}">{cell}</row>'.encode() for n, cell in enumerate(cells, 1)],
                   shared=shared)
    return out.getvalue()


def naming(index: int | str, count: int) -> list[str]:
    return [shared_cell(f"A{n}", index) for n in range(1, count + 1)]


def test_one_long_shared_string_named_by_many_cells_is_refused_before_calamine_copies_it_into_each():
    # 40 cells x 98 KB = 3.9 MB of text from a file of a few KB; 1,000 cells allow 1 MB
    message = refusal(shared_workbook(naming(0, 40), [LONG]), max_cells=1000)

    assert "共享文本" in message and "超过上限 1.0 MB" in message
    assert "拆分" in message and "CSV" in message


def test_the_same_cells_naming_a_short_string_are_read():
    data = shared_workbook([shared_cell("A1", 1)] + naming(0, 40), ["SO1", "订单编号"])

    assert "40 行" not in refusal(data, max_cells=1000)  # refused for its missing columns only


@pytest.mark.parametrize("value", ["x", " 1", "1.5", "99"])
def test_a_value_that_is_no_index_counts_as_the_entry_calamine_takes_for_it(value):
    # python-calamine takes entry 0 for any value it cannot read as an index
    assert "共享文本" in refusal(shared_workbook(naming(value, 40), [LONG, "订单编号"]), max_cells=1000)


def test_shared_strings_and_cells_with_a_namespace_prefix_are_measured_too():
    sheet = "".join(f'<x:row r="{n}"><x:c r="A{n}" t="s"><x:v>0</x:v></x:c></x:row>' for n in range(1, 41))
    strings = f"<x:sst xmlns:x=\"{MAIN}\"><x:si><x:t>{LONG}</x:t></x:si></x:sst>"

    assert "共享文本" in refusal(prefixed_workbook(sheet, strings), max_cells=1000)


@pytest.mark.parametrize("block", [37, sheet_size.BLOCK])
def test_the_text_is_counted_exactly_across_block_edges(monkeypatch, block):
    monkeypatch.setattr(sheet_size, "BLOCK", block)
    # each cell copies the entry: 98,309 bytes with its markup; 1,000 cells allow 1,048,576
    assert "共享文本" not in refusal(shared_workbook(naming(0, 10), [LONG]), max_cells=1000)
    assert "共享文本" in refusal(shared_workbook(naming(0, 11), [LONG]), max_cells=1000)


@pytest.mark.parametrize("strings", [
    "<si><t>a</t><si></si></si><si><t>b</t></si>",  # nested: calamine would number the entries otherwise
    '<si><t a="x>y</si><si>">b</t></si>',  # a tag hidden in a quoted value
])
def test_shared_strings_whose_entries_cannot_be_told_apart_are_refused(strings):
    data = prefixed_workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', f'<sst xmlns="{MAIN}">{strings}</sst>')

    assert "sharedStrings.xml）格式异常" in refusal(data, max_cells=1000)


def test_a_raw_greater_than_sign_in_a_shared_string_is_measured_by_the_xml_parser():
    strings = f'<sst xmlns="{MAIN}"><si><t>a &gt; b > c {LONG}</t></si><si/><si><t>订单编号</t></si></sst>'
    sheet = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, 41))

    assert "共享文本" in refusal(prefixed_workbook(sheet, strings), max_cells=1000)
    lengths = sheet_size.shared_string_lengths(zipfile.ZipFile(io.BytesIO(prefixed_workbook(sheet, strings))))
    assert len(lengths) == 3 and lengths[0] > len(LONG.encode()) and lengths[2] >= len("订单编号".encode())


def test_a_customer_sheet_of_realistic_shared_strings_passes_at_its_cell_limit(monkeypatch):
    from tests.unit.import_fixtures import CUSTOMER_HEADER, xlsx_bytes

    monkeypatch.setattr(sheet_size, "MIN_XML_BYTES", 0)  # the limits follow the cells alone
    header = CUSTOMER_HEADER + ["地址"]
    rows = [[f"C{n:08d}", f"王{'秀英建国'[n % 4]}{n}", f"138{n:08d}", "女男"[n % 2], "1985-06-01", "浙江省/杭州市",
             f"33010619850601{n:04d}", "会员", "是", f"浙江省杭州市西湖区文三路{n}号华星科技大厦{n % 30}楼药房"]
            for n in range(300)]
    data = xlsx_bytes([header] + rows)

    assert len(read_table(data, "customers.xlsx", CUSTOMERS, max_cells=301 * 10)) == 300


def test_more_shared_strings_than_cells_allowed_are_refused_before_the_workbook_reads_them():
    # each entry is a string object however short: 2,000 of them for 1,000 cells
    message = refusal(shared_workbook(naming(0, 5), [f"S{n}" for n in range(2000)]), max_cells=1000)

    assert "共享字符串有 2,000 条，超过上限 1,000 条" in message
