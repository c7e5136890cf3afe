"""Excel 97-2003 workbooks (.xls, as old ERP systems export them): the size checked from the records
first (biff_size), then one sheet read with calamine, shaped as xlsx.read shapes it."""
import io
import itertools

import numpy as np
import python_calamine

from chalicelib.domain.import_spec import MAX_CELLS
from chalicelib.domain.table_reader import biff_size
from chalicelib.domain.table_reader.layout import SAVE_AS, too_many_rows
from chalicelib.domain.table_reader.xlsx import sheet_name
from chalicelib.errors import FileRejected

DAMAGED = f"无法读取这个 .xls 文件，文件可能已损坏或不是 Excel 97-2003 工作簿。{SAVE_AS}"


def read(data: bytes, kind: str, max_rows: int, max_cells: int = MAX_CELLS) -> tuple[np.ndarray, int, int]:
    """(cells, rows x columns; row number of the first; index of the first column)."""
    try:
        biff_size.check(data, max_cells)
    except biff_size.Unreadable:
        raise FileRejected(DAMAGED) from None
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_name(sheet_name(book, kind))
        height, width = (sheet.end[0] + 1, sheet.width) if sheet.end else (0, 0)
        if height > max_rows:
            raise FileRejected(too_many_rows(height, max_rows))
        cells = np.fromiter(itertools.chain.from_iterable(sheet.iter_rows()), dtype=object)
    except FileRejected:
        raise
    except Exception:  # calamine raises several types for damaged or odd files
        raise FileRejected(DAMAGED) from None
    if not width or not cells.size:
        raise FileRejected("文件是空的：工作表中没有任何内容")
    rows = cells.size // width
    if rows * width != cells.size:
        raise FileRejected(DAMAGED)
    start = sheet.start or (0, 0)  # None only for a sheet with no cells (refused above)
    first_row = 1 if rows == height else start[0] + 1
    return cells.reshape(rows, width), first_row, start[1]
