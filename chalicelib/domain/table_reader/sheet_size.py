"""How much an xlsx sheet will cost to read, judged before calamine reads it.

calamine builds the sheet as one dense rows x columns grid, and every cell then becomes a
Python object: one cell at XFD1048576 means 17 billion cells, and a sheet XML of a gigabyte
that compresses only 100 times passes the zip-bomb guard. So the sheet is bounded first by its
uncompressed size (the zip directory: instant) and then by its extent: the <dimension ref> it
claims (read from the first block: instant), and, since a sheet can omit or lie about that,
a scan of every row and cell reference, inflating a block at a time (a few MB of memory
whatever the file claims), stopped as soon as the bound is passed.
"""
import posixpath
import re
import zipfile
from xml.etree import ElementTree

import numpy as np

from chalicelib.errors import FileRejected

XML_BYTES_PER_CELL = 64  # <c r="J1048576" s="3" t="s"><v>1234567</v></c> is 45; inline text needs more
MIN_XML_BYTES = 1024 ** 2  # a sheet this small costs nothing to measure, whatever the cell limit
BLOCK = 4 * 1024 ** 2
MAX_OPEN_TAG = BLOCK  # no tag or text in a sheet Excel writes comes near (a cell holds 32,767 characters)
SMALL_PART = 16 * 1024 ** 2  # workbook.xml and its relationships: sheet names and paths only
_FIX = "请删除不需要的列和空白区域后把文件拆分成多个，或在 Excel 中另存为“CSV UTF-8（逗号分隔）”后上传"
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,8})(?::([A-Z]{1,3})(\d{1,8}))?"')
_PLACES = 8  # digits of a row number read; more means a row beyond any limit


def check_shared_strings(archive: zipfile.ZipFile, max_cells: int) -> None:
    """FileRejected when the shared strings (read as the workbook opens) are bigger than max_cells allow."""
    for name in archive.namelist():
        if name.lower().endswith("sharedstrings.xml"):
            _check_size(archive, name, max_cells)


def check_sheet(archive: zipfile.ZipFile, sheet_name: str, max_cells: int) -> None:
    """FileRejected when the sheet is bigger than max_cells allow, before it is parsed."""
    for part in _sheet_parts(archive, sheet_name):
        _check_size(archive, part, max_cells)
        _scan(archive, part, max_cells, _max_bytes(max_cells))


def _check_size(archive: zipfile.ZipFile, part: str, max_cells: int) -> None:
    size, max_bytes = archive.getinfo(part).file_size, _max_bytes(max_cells)
    if size > max_bytes:
        raise FileRejected(f"工作表解压后约 {size / 1e6:,.1f} MB，超过上限 {max_bytes / 1e6:,.1f} MB"
                           f"（{_cells_text(max_cells)}）。{_FIX}")


def _max_bytes(max_cells: int) -> int:
    return max(max_cells * XML_BYTES_PER_CELL, MIN_XML_BYTES)


def _cells_text(max_cells: int) -> str:
    count = f"约 {max_cells / 1e4:,.0f} 万" if max_cells >= 100_000 else f"{max_cells:,}"
    return f"最多{count}个单元格，如 {max_cells // 10:,} 行 × 10 列"


def _too_many_cells(rows: int, columns: int, max_cells: int) -> FileRejected:
    return FileRejected(f"工作表的范围为 {rows:,} 行 × {columns:,} 列（{rows * columns:,} 个单元格），"
                        f"超过上限：{_cells_text(max_cells)}。{_FIX}")


def _scan(archive: zipfile.ZipFile, part: str, max_cells: int, max_bytes: int) -> None:
    extent, carry, read = Extent(), b"", 0
    with archive.open(part) as stream:
        while block := stream.read(BLOCK):
            read += len(block)
            data = carry + block
            if not carry and read == len(block):
                _check_claim(data, max_cells)
            cut = data.rfind(b">") + 1  # tags end there, so none is split between blocks
            extent.feed(np.frombuffer(data, np.uint8, cut))
            carry = data[cut:]
            rows, columns = extent.bound()
            if rows * columns > max_cells:
                raise _too_many_cells(rows, columns, max_cells)
            if len(carry) > MAX_OPEN_TAG or read > max_bytes:  # the directory's size was a lie
                raise FileRejected(f"工作表内容异常或过大，超过上限（{_cells_text(max_cells)}）。{_FIX}")


def _check_claim(head: bytes, max_cells: int) -> None:
    found = _DIMENSION.search(head, 0, 64 * 1024)
    if found:
        last_column, last_row = found[3] or found[1], found[4] or found[2]
        rows, columns = int(last_row), _column_number(last_column)
        if rows * columns > max_cells:
            raise _too_many_cells(rows, columns, max_cells)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


class Extent:
    """The rows x columns a sheet's XML can fill, an upper bound found block by block.

    Rows and cells name their place (r="12", r="AB12"), or follow the one before when they
    do not; so the bound is the largest place named plus, where some element names none,
    how many such elements there are (rows) or the most cells in one row (columns).
    """

    def __init__(self):
        self.row_refs = self.cell_refs = self.rows = self.cells = 0
        self.last_row = self.last_column = self.widest_row = self.open_row_cells = 0

    def feed(self, data: np.ndarray) -> None:
        self._references(data)
        opens = np.flatnonzero((data[:-4] == ord("<")) | (data[:-4] == ord(":")))  # a tag, or after a prefix
        rows, cells = _starts(data, opens, b"row"), _starts(data, opens, b"c")
        self.rows, self.cells = self.rows + len(rows), self.cells + len(cells)
        before = np.searchsorted(cells, rows)  # cells ahead of each row start
        if len(rows):
            per_row = np.diff(np.append(before, len(cells)))
            self.widest_row = max(self.widest_row, self.open_row_cells + int(before[0]), int(per_row.max()))
            self.open_row_cells = int(per_row[-1])
        else:
            self.open_row_cells += len(cells)

    def bound(self) -> tuple[int, int]:
        rows = self.last_row + max(self.rows - self.row_refs, 0)
        columns = self.last_column + (max(self.widest_row, self.open_row_cells) if self.cells > self.cell_refs else 0)
        return rows, columns

    def _references(self, data: np.ndarray) -> None:
        """Every r="..." attribute: letters (a cell's column) then digits (its row, or a row's)."""
        at = np.flatnonzero(data[1:-2] == ord("r")) + 1
        at = at[(data[at + 1] == ord("=")) & (data[at + 2] == ord('"'))]
        before = data[at - 1]
        at = at[(before == 32) | (before == 9) | (before == 10) | (before == 13)] + 3  # the value's first byte
        if not at.size:
            return
        last = len(data) - 1
        letters = [data[np.minimum(at + k, last)] - np.uint8(65) < 26 for k in range(4)]
        count = letters[0].astype(np.int8)
        count += letters[0] & letters[1]
        count += letters[0] & letters[1] & letters[2]
        self.cell_refs += int(np.count_nonzero(count))
        self.row_refs += int(count.size - np.count_nonzero(count))
        for size in range(4):
            chosen = at[count == size]
            if chosen.size:
                self.last_column = max(self.last_column, _number(data, chosen, size, letters=True))
                self.last_row = max(self.last_row, _number(data, chosen + size, _PLACES, letters=False))
        if (letters[0] & letters[1] & letters[2] & letters[3]).any():
            self.last_column = 1 << 40  # four letters: past any sheet


def _number(data: np.ndarray, at: np.ndarray, places: int, letters: bool) -> int:
    """The largest column (letters, exactly `places` of them) or row (digits, up to `places`;
    a longer run counts as past any limit) written at `at`."""
    last = len(data) - 1
    radix, first, low, high = (26, 64, 1, 26) if letters else (10, 48, 0, 9)
    value = np.zeros(at.size, dtype=np.int64)
    going = np.ones(at.size, dtype=bool)
    for place in range(places + (0 if letters else 1)):
        digit = data[np.minimum(at + place, last)].astype(np.int64) - first
        going &= (digit >= low) & (digit <= high)
        if place == places:  # one digit more than a row number can have
            return 1 << 40 if going.any() else int(value.max())
        value = np.where(going, value * radix + digit, value)
    return int(value.max())


def _starts(data: np.ndarray, opens: np.ndarray, name: bytes) -> np.ndarray:
    """Where elements called `name` (any namespace prefix) open: <c r=..>, <x:row>, ..."""
    at = opens + 1
    for offset, byte in enumerate(name):
        at = at[data[at + offset] == byte]
    after = data[at + len(name)]
    return at[(after == 32) | (after == 62) | (after == 47) | (after == 9) | (after == 10) | (after == 13)]


def _sheet_parts(archive: zipfile.ZipFile, sheet_name: str) -> list[str]:
    """The XML part of the named sheet, as the workbook's relationships say; every XML part
    when they cannot be followed (a damaged or unusual file is then judged as a whole)."""
    try:
        book = _target(archive, "_rels/.rels", "", "/officeDocument")
        folder = posixpath.dirname(book)
        rels = posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels")
        ids = {sheet.get("name"): _attribute(sheet, "id") for sheet in _parse(archive, book).iter()
               if sheet.tag.endswith("}sheet")}
        return [_target(archive, rels, folder, ids[sheet_name])]
    except (KeyError, ValueError, ElementTree.ParseError):
        return [name for name in archive.namelist() if name.lower().endswith(".xml")]


def _target(archive: zipfile.ZipFile, rels: str, folder: str, wanted: str) -> str:
    """The target of the relationship whose Id is `wanted` (or whose Type ends with it)."""
    for relation in _parse(archive, rels).iter():
        if relation.get("Id") == wanted or (wanted.startswith("/") and relation.get("Type", "").endswith(wanted)):
            target = relation.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            path = posixpath.normpath(path)
            archive.getinfo(path)  # KeyError when it is not there
            return path
    raise KeyError(wanted)


def _parse(archive: zipfile.ZipFile, part: str) -> ElementTree.Element:
    if archive.getinfo(part).file_size > SMALL_PART:
        raise ValueError(part)
    return ElementTree.fromstring(archive.read(part))


def _attribute(element: ElementTree.Element, local: str) -> str:
    return next(value for key, value in element.attrib.items() if key.endswith("}" + local))
