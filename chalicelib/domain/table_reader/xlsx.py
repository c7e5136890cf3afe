"""Excel workbooks: refuse zip bombs from the directory alone and sheets too big to read (before
calamine parses them: sheet_size), then read one sheet with calamine (formulas come back as their
cached values, dates as datetime/date, numbers as float)."""
import io
import itertools
import zipfile

import numpy as np
import python_calamine

from chalicelib.domain.import_spec import KIND_LABELS, MAX_CELLS, header_key
from chalicelib.domain.table_reader import sheet_size
from chalicelib.domain.table_reader.layout import SAVE_AS, too_many_rows
from chalicelib.errors import FileRejected

MAX_UNZIPPED = 2 * 1024 ** 3
MAX_RATIO = 200  # for entries over 1 MiB; real sheets compress about 5-15 times
RATIO_MIN_SIZE = 1024 ** 2


def read(data: bytes, kind: str, max_rows: int, max_cells: int = MAX_CELLS) -> tuple[np.ndarray, int, int]:
    """(cells, rows x columns; row number of the first; index of the first column)."""
    archive = refuse_zip_bomb(data)
    shared = sheet_size.check_shared_strings(archive, max_cells)  # the workbook reads them as it opens
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        name = sheet_name(book, kind)
        sheet_size.check_sheet(archive, name, max_cells, shared)
        sheet = book.get_sheet_by_name(name)
        height, width = (sheet.end[0] + 1, sheet.width) if sheet.end else (0, 0)
        if height > max_rows:  # known from the parsed sheet before any Python object is made
            raise FileRejected(too_many_rows(height, max_rows))
        # Row by row straight into one array: 3x faster than to_python(), whose million row
        # lists keep the garbage collector busy.
        cells = np.fromiter(itertools.chain.from_iterable(sheet.iter_rows()), dtype=object)
    except FileRejected:
        raise
    except Exception:  # calamine raises several types for damaged or odd files; all mean "unreadable"
        raise FileRejected(f"无法读取这个 Excel 文件，文件可能已损坏。{SAVE_AS}") from None
    if not width or not cells.size:
        raise FileRejected("文件是空的：工作表中没有任何内容")
    rows = cells.size // width
    if rows * width != cells.size:
        raise FileRejected(f"无法读取这个 Excel 文件：工作表的行长度不一致。{SAVE_AS}")
    grid = cells.reshape(rows, width)
    start_row, start_column = sheet.start  # type: ignore[misc]  # None only for a sheet with no cells (refused above)
    # iter_rows() starts at the sheet's first row (python-calamine 0.9) or at its first used row
    first_row = 1 if rows == height else start_row + 1
    return grid, first_row, start_column


def refuse_zip_bomb(data: bytes) -> zipfile.ZipFile:
    """Judge the archive by its central directory alone, before anything is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise FileRejected(f"文件不完整或已损坏，无法作为 .xlsx 打开。{SAVE_AS}") from None
    if sum(entry.file_size for entry in entries) > MAX_UNZIPPED:
        raise FileRejected("文件解压后超过 2 GB，不是正常的表格文件，已拒绝。请拆分后分批导入")
    if any(entry.file_size > RATIO_MIN_SIZE and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
           for entry in entries):
        raise FileRejected("文件的压缩比异常（疑似“压缩炸弹”），已拒绝。请在 Excel 中重新保存后上传")
    return archive


def sheet_name(book, kind: str) -> str:
    """The sheet named like the template's ("订单" / "orders"), else the first visible one."""
    wanted = {header_key(KIND_LABELS[kind]), header_key(kind)}
    sheets = [meta for meta in book.sheets_metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
    for meta in sheets:
        if header_key(meta.name) in wanted:
            return meta.name
    visible = [meta for meta in sheets if meta.visible == python_calamine.SheetVisibleEnum.Visible]
    if not visible:
        raise FileRejected("文件中没有可见的工作表")
    return visible[0].name
