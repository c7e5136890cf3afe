"""Small import files built in memory for the import tests (no binary fixtures in the repo)."""
import csv
import io
import re
import struct
import zipfile

from openpyxl import Workbook

ORDER_HEADER = ["订单编号", "客户编码", "下单时间", "订单金额"]
CUSTOMER_HEADER = ["客户编码", "客户名称", "手机号", "性别", "生日", "地区", "身份证号", "标签", "短信同意"]


def xlsx_bytes(rows: list, sheet: str = "Sheet1", before: tuple = (), hidden: tuple = ()) -> bytes:
    """A workbook whose sheet `sheet` holds `rows`; `before` sheets come first, `hidden` ones are hidden."""
    book = Workbook()
    book.remove(book.active)
    for name in (*before, sheet):
        page = book.create_sheet(name)
        page.sheet_state = "hidden" if name in hidden else "visible"
        for row in rows if name == sheet else [["其他"]]:
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list, encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """CSV as Excel writes it: cells quoted only when they hold a comma, quote or line break."""
    text = io.StringIO()
    csv.writer(text, lineterminator=newline).writerows([["" if cell is None else cell for cell in row] for row in rows])
    return text.getvalue().encode(encoding)


def with_cached_values(data: bytes, cached: dict[str, str]) -> bytes:
    """Give formula cells the cached value Excel would have saved (openpyxl saves none)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                text = content.decode()
                for cell, value in cached.items():
                    text = re.sub(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\g<1><v>{value}</v>", text)
                content = text.encode()
            target.writestr(entry, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    """An archive with one 4 MiB entry of zeros: compresses about 1000:1."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (4 * 1024 * 1024))
    return out.getvalue()


def claims_size(size: int) -> bytes:
    """A small archive whose directory claims an entry of `size` bytes (nothing that big exists)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, size)  # uncompressed size in the central directory
    return bytes(data)
