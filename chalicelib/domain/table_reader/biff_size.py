"""How much an Excel 97-2003 (.xls) workbook will cost to read, judged before calamine opens it.

calamine reads every sheet of an .xls as it opens the file, each as one dense grid from its
first to its last cell: two cells at A1 and IV65536 cost 16 million cells (a gigabyte) from a
file of 6 KB, and a forged column number goes far past Excel's 256. So the workbook stream is
taken out of the OLE2 container here and its records walked (a few bytes each, nothing
decoded): every cell record names its row and column, and the sheets' extents add up.
Cells naming a shared string are bounded too: calamine copies the string into each cell, so
the text they copy adds up against the same budget as an xlsx sheet's (sheet_size.py).
"""
import struct

from chalicelib.errors import FileRejected

ENDOFCHAIN, FREESECT = 0xFFFFFFFE, 0xFFFFFFFF
_BOF, _EOF, _FILEPASS, _SST, _CONTINUE = 0x0809, 0x000A, 0x002F, 0x00FC, 0x003C
_CELLS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6, 0x00FD}  # row, column first
_SPANS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column ... last column
_LABELSST = 0x00FD  # row, column, format, index into the shared strings
BYTES_PER_SHARED_CELL = 64  # the text budget per allowed cell, as for xlsx (sheet_size.XML_BYTES_PER_CELL)


class Unreadable(Exception):
    """The container or its records are not what an .xls is."""


def check(data: bytes, max_cells: int) -> None:
    """FileRejected when the workbook is encrypted or its sheets hold more than max_cells allow."""
    stream = workbook_stream(data)
    rows_by_columns, shared_text = _extents(stream)
    if rows_by_columns > max_cells:
        raise FileRejected(f"工作表的范围共 {rows_by_columns:,} 个单元格，超过上限 {max_cells:,} 个。"
                           "请删除不需要的列和空白区域后把文件拆分成多个，或另存为 .xlsx 或 .csv 后上传")
    if shared_text > max(max_cells * BYTES_PER_SHARED_CELL, 1024 ** 2):
        raise FileRejected("工作表的单元格重复引用很长的文字，读取时需复制的文字过多，已拒绝。"
                           "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后上传")


def workbook_stream(data: bytes) -> bytes:
    """The "Workbook" (or "Book") stream of an OLE2 file; FileRejected for encrypted or other files."""
    try:
        sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        if sector not in (512, 4096):
            raise Unreadable("sector size")
        fat = _fat(data, sector)
        directory = _chain(data, sector, fat, struct.unpack_from("<I", data, 0x30)[0])
        entries = {_name(directory, at): at for at in range(0, len(directory) - 127, 128)}
    except (struct.error, Unreadable, IndexError):
        raise Unreadable("container") from None
    if "EncryptedPackage" in entries or "EncryptionInfo" in entries:
        raise FileRejected("文件设置了打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后重新上传")
    at = entries.get("Workbook", entries.get("Book"))
    if at is None:
        raise Unreadable("no workbook stream")
    start, size = struct.unpack_from("<II", directory, at + 0x74)
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    if size < cutoff:  # a tiny workbook lives in the mini stream; calamine reads it whole anyway
        return _mini_stream(data, sector, fat, directory, start, size)
    return _chain(data, sector, fat, start)[:size]


def _extents(stream: bytes) -> tuple[int, int]:
    """(rows x columns over every sheet, bytes of shared strings the cells copy)."""
    sst: list[tuple[bytes, int]] = []
    total, shared_text, sheet, at, lengths = 0, 0, None, 0, None
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        body = at + 4
        if kind == _FILEPASS:
            raise FileRejected("文件设置了打开密码，无法读取。请在 Excel 中取消密码后重新上传")
        if kind == _BOF:
            sheet = [0, 0]  # rows, columns (highest index + 1)
        elif kind == _EOF and sheet is not None:
            total, sheet = total + sheet[0] * sheet[1], None
        elif sheet is not None and size >= 4 and (kind in _CELLS or kind in _SPANS):
            row, column = struct.unpack_from("<HH", stream, body)
            if kind in _SPANS and size >= 6:
                column = max(column, struct.unpack_from("<H", stream, body + size - 2)[0])
            sheet[0], sheet[1] = max(sheet[0], row + 1), max(sheet[1], column + 1)
            if kind == _LABELSST and size >= 10:
                lengths = _string_bytes(sst) if lengths is None else lengths
                index = struct.unpack_from("<I", stream, body + 6)[0]
                shared_text += lengths[index] if index < len(lengths) else 0
        elif kind == _SST or (kind == _CONTINUE and sst and sst[-1][1] == at):
            sst.append((stream[body:body + size], body + size))  # (piece, where the next record starts)
        at = body + size
    if sheet is not None:
        total += sheet[0] * sheet[1]
    return total, shared_text


def _string_bytes(sst: list[tuple[bytes, int]]) -> list[int]:
    """An upper bound of each shared string's text in bytes (2 per character), walking the SST and
    its CONTINUE pieces: a string's characters may go on in the next piece after a new flag byte."""
    pieces = [piece for piece, _ in sst]
    if not pieces or len(pieces[0]) < 8:
        return []
    lengths: list[int] = []
    count, p, at = struct.unpack_from("<I", pieces[0], 4)[0], 0, 8
    try:
        while len(lengths) < count:
            if at >= len(pieces[p]):
                p, at = p + 1, 0
            chars, flags = struct.unpack_from("<HB", pieces[p], at)
            at += 3
            runs = struct.unpack_from("<H", pieces[p], at)[0] if flags & 0x08 else 0
            at += 2 if flags & 0x08 else 0
            extra = struct.unpack_from("<I", pieces[p], at)[0] if flags & 0x04 else 0
            at += 4 if flags & 0x04 else 0
            lengths.append(2 * chars)
            width, left = (2 if flags & 0x01 else 1), chars
            while left:
                if at >= len(pieces[p]):
                    p, at = p + 1, 1
                    width = 2 if pieces[p][0] & 0x01 else 1
                taken = min(left, (len(pieces[p]) - at) // width)
                if not taken:
                    raise Unreadable("string")
                left, at = left - taken, at + taken * width
            p, at = _skip(pieces, p, at, 4 * runs + extra)
    except (IndexError, struct.error, Unreadable):
        raise FileRejected("文件中的共享字符串表格式异常，无法安全读取。请在 Excel 中打开后另存为 .xlsx 再上传") from None
    return lengths


def _skip(pieces: list[bytes], p: int, at: int, count: int) -> tuple[int, int]:
    at += count
    while at > len(pieces[p]):
        at -= len(pieces[p])
        p += 1
    return p, at


def _fat(data: bytes, sector: int) -> list[int]:
    count, difat_start, difat_count = struct.unpack_from("<I", data, 0x2C)[0], *struct.unpack_from("<II", data, 0x44)
    locations = list(struct.unpack_from("<109I", data, 0x4C))
    per_sector, next_sector = sector // 4 - 1, difat_start
    for _ in range(min(difat_count, len(data) // sector)):
        if next_sector >= ENDOFCHAIN:
            break
        block = struct.unpack_from(f"<{per_sector + 1}I", data, (next_sector + 1) * sector)
        locations.extend(block[:-1])
        next_sector = block[-1]
    fat: list[int] = []
    for location in locations[:count]:
        fat.extend(struct.unpack_from(f"<{sector // 4}I", data, (location + 1) * sector))
    return fat


def _chain(data: bytes, sector: int, fat: list[int], start: int) -> bytes:
    parts: list[bytes] = []
    current = start
    while current < ENDOFCHAIN:
        if len(parts) > len(fat):
            raise Unreadable("loop")
        offset = (current + 1) * sector
        if offset + sector > len(data) + sector:
            raise Unreadable("outside the file")
        parts.append(data[offset:offset + sector])
        current = fat[current]
    return b"".join(parts)


def _mini_stream(data: bytes, sector: int, fat: list[int], directory: bytes, start: int, size: int) -> bytes:
    root_start = struct.unpack_from("<I", directory, 0x74)[0]
    mini = _chain(data, sector, fat, root_start)
    mini_fat_bytes = _chain(data, sector, fat, struct.unpack_from("<I", data, 0x3C)[0])
    mini_fat = struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes)
    parts: list[bytes] = []
    current = start
    while current < ENDOFCHAIN and len(parts) <= len(mini_fat):
        parts.append(mini[current * 64:(current + 1) * 64])
        current = mini_fat[current]
    return b"".join(parts)[:size]


def _name(directory: bytes, at: int) -> str:
    length = struct.unpack_from("<H", directory, at + 0x40)[0]
    return directory[at:at + max(min(length, 64) - 2, 0)].decode("utf-16-le", "replace")
