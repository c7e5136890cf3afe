"""Real Excel 97-2003 workbooks written with xlwt (a dev dependency), as old ERP systems export them."""
import io

import xlwt


def xls_bytes(rows: list[list], sheet: str = "Sheet1") -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    page = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            page.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def far_corner_xls() -> bytes:
    """Two cells, A1 and IV65536: a 6 KB file that calamine would open as 16.7 million cells."""
    book = xlwt.Workbook()
    page = book.add_sheet("Sheet1")
    page.write(0, 0, "客户编码")
    page.write(65535, 255, "x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
