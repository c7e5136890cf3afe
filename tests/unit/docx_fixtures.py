"""Word documents built in memory for the attachment tests: real ones from python-docx, hostile ones by
rewriting a real one's zip (no binary fixtures in the repo)."""
import io
import random
import struct
import zipfile
import zlib

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook

from local.plan_documents import without_unused_styles

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"


def png_bytes(width: int = 2, height: int = 2, seed: int = 0) -> bytes:
    """A PNG of random pixels: it does not compress, so it takes about width x height x 3 bytes."""
    pixels = random.Random(seed)
    rows = b"".join(b"\0" + pixels.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def plan_docx() -> bytes:
    """A plan as an author writes one: headings, a list, a table, bold text, a hyperlink and a picture."""
    document = Document()
    document.add_heading("会员日关怀方案", level=1)
    document.add_heading("活动目标", level=2)
    goal = document.add_paragraph("提升")
    goal.add_run("重要挽留客户").bold = True
    goal.add_run("的回店率。")
    document.add_paragraph("每月 8 日会员日到店领取健康礼包", style="List Bullet")
    document.add_paragraph("慢病客户复购提醒", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, [("阶段", "时间"), ("预热", "活动前 3 天")]):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    add_hyperlink(document.add_paragraph("详见"), "https://example.com/plan", "活动说明")
    document.add_picture(io.BytesIO(png_bytes()))
    return saved(document)


def text_docx(*paragraphs: str, links: tuple = ()) -> bytes:
    """A document of plain paragraphs, then one paragraph per (url, text) hyperlink."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for url, text in links:
        add_hyperlink(document.add_paragraph(), url, text)
    return saved(lean(document))


def pictures_docx(*pictures: bytes, alt: str = "") -> bytes:
    """A document of pictures, each with the same alt text (description)."""
    document = Document()
    for picture in pictures:
        shape = document.add_picture(io.BytesIO(picture))
        shape._inline.docPr.set("descr", alt)
    return saved(lean(document))


def add_hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx writes no hyperlinks: a w:hyperlink on an external relationship, as Word writes it."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run, text_element = OxmlElement("w:r"), OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def lean(document):
    """Without the styles nothing uses, as the library's documents are (mammoth reads them 20 times faster)."""
    return without_unused_styles(document)


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["方案", "会员日"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, parts: dict[str, bytes | None]) -> bytes:
    """The same package with `parts` replaced or added (None drops one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename not in parts:
                target.writestr(entry, source.read(entry))
        for name, content in parts.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def edited(data: bytes, name: str, old: str, new: str) -> bytes:
    """The package with `old` replaced by `new` in part `name`."""
    text = zipfile.ZipFile(io.BytesIO(data)).read(name).decode()
    assert old in text, f"{old!r} is not in {name}"
    return rewritten(data, {name: text.replace(old, new, 1).encode()})


def with_content_type(data: bytes, content_type: str) -> bytes:
    return edited(data, "[Content_Types].xml", WORD_MAIN, content_type)


def with_relationship(data: bytes, kind: str, target: str, external: bool = True, part: str = DOCUMENT_RELS) -> bytes:
    """A relationship of type `kind` (the last segment of its type URI) added to the rels part `part`."""
    mode = ' TargetMode="External"' if external else ""
    relationship = f'<Relationship Id="rId99" Type="{RELATIONSHIPS}{kind}" Target="{target}"{mode}/>'
    if part == DOCUMENT_RELS:
        return edited(data, part, "</Relationships>", relationship + "</Relationships>")
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
    return rewritten(data, {part: rels.format(relationship).encode()})


def with_body(data: bytes, xml: str) -> bytes:
    """The document with `xml` (in the w: and r: namespaces) added at the end of its body."""
    return edited(data, DOCUMENT, "<w:sectPr", xml + "<w:sectPr")


def with_doctype(data: bytes, part: str) -> bytes:
    """Part `part` declaring an entity in a DOCTYPE, as the "billion laughs" attack does."""
    declaration = "standalone='yes'?>"
    return edited(data, part, declaration, declaration + '<!DOCTYPE lolz [<!ENTITY lol "lol">]>')


def many_entries(data: bytes, count: int) -> bytes:
    return rewritten(data, {f"customXml/extra{number}.xml": b"" for number in range(count)})


def highly_compressed(data: bytes) -> bytes:
    """A 4 MiB entry of zeros: it compresses about 1000 to 1."""
    return rewritten(data, {"word/media/zeros.bin": b"\0" * (4 * 1024 ** 2)})


def claiming_size(data: bytes, name: str, size: int) -> bytes:
    """The zip directory claims entry `name` inflates to `size` bytes (nothing that big exists)."""
    return _patched_directory(data, name, 24, "<I", size)


def encrypted(data: bytes, name: str = DOCUMENT) -> bytes:
    """The zip directory marks entry `name` encrypted (general purpose flag bit 0)."""
    return _patched_directory(data, name, 8, "<H", 0x1)


def _patched_directory(data: bytes, name: str, offset: int, layout: str, value: int) -> bytes:
    patched = bytearray(data)
    position = patched.index(b"PK\x01\x02")
    while patched[position:position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", patched, position + 28)
        if patched[position + 46:position + 46 + name_length].decode() == name:
            struct.pack_into(layout, patched, position + offset, value)
            return bytes(patched)
        position += 46 + name_length + extra_length + comment_length
    raise AssertionError(f"{name} is not in the zip directory")


def many_compressed_entries(data: bytes) -> bytes:
    """Twenty entries of 1 MB of repeated XML each: none over 1 MiB, together (with the document) about 300 to 1."""
    return rewritten(data, {f"word/extra{number}.xml": b"<a/>" * 250_000 for number in range(20)})
