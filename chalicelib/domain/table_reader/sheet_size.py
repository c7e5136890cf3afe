"""How much an xlsx sheet will cost to read, judged before calamine reads it.

calamine builds the sheet as one dense rows x columns grid, and every cell then becomes a
Python object: one cell at XFD1048576 means 17 billion cells, and a sheet XML of a gigabyte
that compresses only 100 times passes the zip-bomb guard. So the sheet is bounded first by its
uncompressed size (the zip directory: instant) and then by its extent: the <dimension ref> it
claims (read from the first block: instant), and, since a sheet can omit or lie about that,
a scan of every row and cell reference, inflating a block at a time (a few MB of memory
whatever the file claims), stopped as soon as the bound is passed.

Shared strings amplify: calamine copies an entry into every cell that names it, and each cell
then becomes a Python str, so one entry of 32,767 characters named by a few million cells
costs hundreds of GB from a file of a few MB. The same scan adds up, for every <v> value that
could be an index into the shared strings, the bytes of the entry it names, and refuses the
sheet once that passes as much text as the sheet's own XML may hold.
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
_ODD_SHARED_STRINGS = ("文件中的共享字符串（sharedStrings.xml）格式异常，无法安全读取。"
                       "请在 Excel 中打开后重新保存再上传，或另存为“CSV UTF-8（逗号分隔）”后上传")
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,8})(?::([A-Z]{1,3})(\d{1,8}))?"')
_PLACES = 8  # digits of a row number read; more means a row beyond any limit
_INDEX_PLACES = 24  # digits of a shared-string index read (leading zeros included); more count as entry 0
_PAD = b"    "  # after a block's last "<", so a name or reference read near the end stays inside


def check_shared_strings(archive: zipfile.ZipFile, max_cells: int) -> np.ndarray:
    """FileRejected when the shared strings (read as the workbook opens) are bigger than max_cells
    allow: in bytes, or in entries (each a string object, however short); else their lengths."""
    for name in archive.namelist():
        if name.lower().endswith("sharedstrings.xml"):
            _check_size(archive, name, max_cells)
    lengths = shared_string_lengths(archive)
    if lengths.size > max_cells:
        raise FileRejected(f"文件中的共享字符串有 {lengths.size:,} 条，超过上限 {max_cells:,} 条"
                           f"（{_cells_text(max_cells)}）。{_FIX}")
    return lengths


def check_sheet(archive: zipfile.ZipFile, sheet_name: str, max_cells: int, lengths: np.ndarray | None = None) -> None:
    """FileRejected when the sheet is bigger than max_cells allow, before it is parsed; `lengths`
    are those check_shared_strings gave."""
    parts = _sheet_parts(archive, sheet_name)
    for part in parts:
        _check_size(archive, part, max_cells)
    if lengths is None:
        lengths = shared_string_lengths(archive)
    for part in parts:
        _scan(archive, part, max_cells, _max_bytes(max_cells), lengths)


def shared_string_lengths(archive: zipfile.ZipFile) -> np.ndarray:
    """The bytes of each shared-string entry (<si>...</si>, with its markup: an upper bound of the
    text calamine copies into a cell naming it), in the order calamine numbers them."""
    found = [_entry_lengths(archive, name) for name in archive.namelist()
             if name.lower().endswith("sharedstrings.xml")]
    if len(found) < 2:
        return found[0] if found else np.zeros(0, np.uint32)
    longest = np.zeros(max(part.size for part in found), np.uint32)  # which one calamine reads: the worse
    for part in found:
        longest[:part.size] = np.maximum(longest[:part.size], part)
    return longest


def _entry_lengths(archive: zipfile.ZipFile, part: str) -> np.ndarray:
    entries = _Entries()
    with archive.open(part) as stream:
        carry = b""
        while block := stream.read(BLOCK):
            data = carry + block
            cut = max(data.rfind(b"<"), 0)
            if cut and not entries.feed(np.frombuffer(data[:cut] + _PAD, np.uint8)):
                return _parsed_entry_lengths(archive, part)
            carry = data[cut:]
            if len(carry) > MAX_OPEN_TAG:
                raise FileRejected(_ODD_SHARED_STRINGS)
        if carry and not entries.feed(np.frombuffer(carry + _PAD, np.uint8)):
            return _parsed_entry_lengths(archive, part)
    if entries.open is not None:
        return _parsed_entry_lengths(archive, part)
    return entries.lengths()


class _Entries:
    """The <si> entries of sharedStrings.xml found by bytes, block by block. Trusted only while
    every "<" is closed by the next ">" (no "<" or ">" in a value or comment that would hide or
    fake a tag) and the entries open and close in turn; feed() says False otherwise."""

    def __init__(self):
        self.offset, self.open, self.found = 0, None, []

    def feed(self, data: np.ndarray) -> bool:
        size = len(data) - len(_PAD)
        lts, gts = np.flatnonzero(data[:size] == ord("<")), np.flatnonzero(data[:size] == ord(">"))
        if lts.size != gts.size or (lts.size and not ((lts < gts).all() and (gts[:-1] < lts[1:]).all())):
            return False
        closing = data[lts + 1] == ord("/")
        names = lts + 1 + closing
        delimiters = np.flatnonzero(_is_delimiter(data))
        name_ends = delimiters[np.searchsorted(delimiters, names)]
        colons = np.append(np.flatnonzero(data == ord(":")), [len(data)] * 2)
        following = np.searchsorted(colons, names)
        first_colon = colons[following]
        if (colons[following + 1] < name_ends).any():  # a:b:si: which part is the name depends on the reader
            return False
        local = np.where(first_colon < name_ends, first_colon + 1, names)
        entry = (name_ends - local == 2) & (data[local] == ord("s")) & (data[np.minimum(local + 1, size)] == ord("i"))
        tags = np.flatnonzero(entry)
        if not tags.size:
            self.offset += size
            return True
        at, end, closes = lts[tags] + self.offset, gts[tags] + self.offset + 1, closing[tags]
        empty = ~closes & (data[gts[tags] - 1] == ord("/"))  # <si/>: an entry opened and closed at once
        depth = np.cumsum(np.where(closes, -1, np.where(empty, 0, 1))) + (self.open is not None)
        if depth.min() < 0 or depth.max() > 1 or (empty & (depth != 0)).any():
            return False
        # entries open and close in turn, so a close belongs to the si tag before it
        before = np.concatenate([[-1 if self.open is None else self.open], at[:-1]])
        done = closes | empty
        self.found.append((end - np.where(empty, at, before))[done].astype(np.uint32))
        self.open = int(at[-1]) if depth[-1] == 1 else None
        self.offset += size
        return True

    def lengths(self) -> np.ndarray:
        return np.concatenate(self.found) if self.found else np.zeros(0, np.uint32)


def _is_delimiter(data: np.ndarray) -> np.ndarray:
    return (data == 32) | (data == 62) | (data == 47) | (data == 9) | (data == 10) | (data == 13)


def _parsed_entry_lengths(archive: zipfile.ZipFile, part: str) -> np.ndarray:
    """The same lengths from a real XML parser, for a file the byte scan cannot vouch for; a
    nested or broken entry is refused, since calamine might number the entries otherwise."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    opened: list[int] = []
    lengths: list[int] = []

    def start(name, attributes):
        if name.count(":") > 1:
            raise ValueError(name)
        if name.rpartition(":")[2] == "si":
            if opened:
                raise ValueError(name)
            opened.append(parser.CurrentByteIndex)

    def end(name):
        if name.rpartition(":")[2] == "si":
            lengths.append(parser.CurrentByteIndex + len(name) + 3 - opened.pop())

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        with archive.open(part) as stream:
            while block := stream.read(BLOCK):
                parser.Parse(block, False)
            parser.Parse(b"", True)
    except (ValueError, expat.ExpatError):
        raise FileRejected(_ODD_SHARED_STRINGS) from None
    return np.array(lengths, np.uint32)


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


def _shared_text_too_big(text: int, max_text: int, max_cells: int) -> FileRejected:
    return FileRejected(f"工作表的单元格重复引用共享文本（同一段文字被大量单元格引用，读取时每格各复制一份），"
                        f"读取时需复制的文字已达 {text / 1e6:,.1f} MB 以上，超过上限 {max_text / 1e6:,.1f} MB"
                        f"（{_cells_text(max_cells)}）。{_FIX}")


def _scan(archive: zipfile.ZipFile, part: str, max_cells: int, max_bytes: int,
          lengths: np.ndarray | None = None) -> None:
    extent, carry, read = Extent(lengths), b"", 0
    with archive.open(part) as stream:
        while block := stream.read(BLOCK):
            read += len(block)
            data = carry + block
            if not carry and read == len(block):
                _check_claim(data, max_cells)
            # Up to the last "<": no tag, and no <v> value, is split between blocks. The "<"
            # itself is fed too (it ends the last value) and starts the next block again.
            cut = data.rfind(b"<")
            cut = max(cut, 0)
            extent.feed(np.frombuffer(data[:cut + 1] + _PAD if cut else _PAD, np.uint8))
            carry = data[cut:]
            rows, columns = extent.bound()
            if rows * columns > max_cells:
                raise _too_many_cells(rows, columns, max_cells)
            if extent.shared_text > max_bytes:
                raise _shared_text_too_big(extent.shared_text, max_bytes, max_cells)
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

    def __init__(self, lengths: np.ndarray | None = None):
        self.row_refs = self.cell_refs = self.rows = self.cells = 0
        self.last_row = self.last_column = self.widest_row = self.open_row_cells = 0
        self.lengths = np.zeros(0, np.uint32) if lengths is None else lengths
        self.longest = int(self.lengths.max()) if self.lengths.size else 0
        self.shared_text = 0  # bytes of shared strings the <v> values seen so far may copy

    def feed(self, data: np.ndarray) -> None:
        """One block of whole tags, ending with the "<" that opens the next (padded past it)."""
        self._references(data)
        opens = np.flatnonzero((data[:-4] == ord("<")) | (data[:-4] == ord(":")))  # a tag, or after a prefix
        rows, cells = _starts(data, opens, b"row"), _starts(data, opens, b"c")
        if self.lengths.size:
            self._shared_text(data, _starts(data, opens, b"v"), opens[data[opens] == ord("<")])
        self.rows, self.cells = self.rows + len(rows), self.cells + len(cells)
        before = np.searchsorted(cells, rows)  # cells ahead of each row start
        if len(rows):
            per_row = np.diff(np.append(before, len(cells)))
            self.widest_row = max(self.widest_row, self.open_row_cells + int(before[0]), int(per_row.max()))
            self.open_row_cells = int(per_row[-1])
        else:
            self.open_row_cells += len(cells)

    def _shared_text(self, data: np.ndarray, names: np.ndarray, lts: np.ndarray) -> None:
        """Add the shared-string bytes the <v> elements at `names` (their "v") can copy.

        Every <v> counts as if its cell were t="s" (numbers too: a safe over-estimate, and
        immune to however the cell's tag is written)."""
        if not names.size:
            return
        # The usual <v>123</v> is read in place; anything else goes the general way.
        simple = data[names + 1] == ord(">")
        starts = names[simple] + 2
        ends = lts[np.minimum(np.searchsorted(lts, starts), lts.size - 1)]
        index, usual = self._digits(data, starts, ends)
        self.shared_text += int(self.lengths[index[usual]].sum(dtype=np.int64))
        odd = np.concatenate([names[~simple], names[simple][~usual]])
        if odd.size:
            self._odd_values(data, odd)

    def _digits(self, data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The index written between each of `starts` and `ends` (0 where past the entries: see
        _odd_values), and whether it is written as digits only, at most _INDEX_PLACES of them."""
        index = np.zeros(starts.size, np.int64)
        usual = np.zeros(starts.size, bool)
        places = ends - starts
        for count in np.unique(places):
            if not 0 < count <= _INDEX_PLACES:
                continue
            chosen = np.flatnonzero(places == count)
            digits = data[starts[chosen, None] + np.arange(count)] - np.uint8(48)  # wraps: non-digits > 9
            usual[chosen] = (digits <= 9).all(axis=1)
            kept = digits[:, -18:].astype(np.int64)  # 18 digits fit in int64; before them only zeros count
            value = kept @ (10 ** np.arange(kept.shape[1] - 1, -1, -1, dtype=np.int64))
            if count > 18:
                value = np.where((digits[:, :-18] == 0).all(axis=1), value, self.lengths.size)
            index[chosen] = value
        return np.where(index < self.lengths.size, index, 0), usual

    def _odd_values(self, data: np.ndarray, names: np.ndarray) -> None:
        """A <v> with attributes, or a value not plain digits: the value is what lies between the
        last ">" and the next "<". python-calamine 0.9 takes entry 0 for any value it cannot read
        as an index (1.5, " 1", "+1"); one with an entity, a blank or a plus, which another
        version might turn into an index, counts as the longest entry."""
        lts = np.flatnonzero(data == ord("<"))
        ends = lts[np.minimum(np.searchsorted(lts, names), lts.size - 1)]  # the "<" after the value
        gts = np.flatnonzero(data == ord(">"))
        starts = gts[np.maximum(np.searchsorted(gts, ends) - 1, 0)] + 1  # after the last ">" before it
        keep = (starts > names) & (ends > starts)  # an empty value (</v> at once, <v/>) names nothing
        starts, ends = starts[keep], ends[keep]
        if not starts.size:
            return
        blank = (data == 32) | (data == 9) | (data == 10) | (data == 13)
        spaces, odd = np.flatnonzero(blank), np.flatnonzero(blank | (data == ord("&")) | (data == ord("+")))
        unusual = np.searchsorted(odd, ends) > np.searchsorted(odd, starts)
        all_blank = np.searchsorted(spaces, ends) - np.searchsorted(spaces, starts) == ends - starts
        index, usual = self._digits(data, starts, ends)
        named = self.lengths[np.where(usual, index, 0)].astype(np.int64)
        self.shared_text += int(np.where(unusual & ~all_blank, self.longest, named).sum())

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
    value: np.ndarray = np.zeros(at.size, dtype=np.int64)
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
