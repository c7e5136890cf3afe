"""Workbooks written part by part, so a sheet can be anything a hostile file may hold: a lying or
missing <dimension>, cells without references, a gigabyte of XML. Used by bench/xlsx_limits.py
and by the unit tests of table_reader.sheet_size."""
import zipfile
from typing import BinaryIO, Iterable

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'</Types>')
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_SHARED_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_xml(number: int | None, cells: Iterable, refs: bool = True) -> bytes:
    """One <row> of inline-string or number cells; refs=False leaves out every r="..."."""
    out = [f'<row r="{number}">' if refs and number else "<row>"]
    for column, value in enumerate(cells, 1):
        ref = f' r="{column_letters(column)}{number}"' if refs and number else ""
        if isinstance(value, (int, float)):
            out.append(f"<c{ref}><v>{value}</v></c>")
        else:
            out.append(f'<c{ref} t="inlineStr"><is><t>{value}</t></is></c>')
    out.append("</row>")
    return "".join(out).encode()


def shared_cell(ref: str, index: int) -> str:
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def write_workbook(target: BinaryIO | str, rows_xml: Iterable[bytes], dimension: str | None = None,
                   sheet_name: str = "订单", level: int = 6, shared: Iterable[str] = ()) -> None:
    """A one-sheet xlsx whose sheetData is the given rows' XML, streamed into the zip; `shared`
    are the shared strings (<si> entries, in order) its t="s" cells name by index."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(_SHARED_HEAD)
            for text in shared:
                strings.write(f"<si><t>{text}</t></si>".encode())
            strings.write(b"</sst>")
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=sheet_name).encode())
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD)
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for xml in rows_xml:
                sheet.write(xml)
            sheet.write(b"</sheetData></worksheet>")
