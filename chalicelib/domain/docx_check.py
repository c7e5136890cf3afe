"""Plan attachments: is this upload a plain Word document (.docx) that is safe to keep, offer and render?

The zip directory is judged first (size, entry count, compression ratio, encryption) before anything is inflated;
then the content types say which kind of document it is, and every XML part is read by expat with DTDs refused
(docx_parts) for what it embeds or links to."""
import io
import posixpath
import zipfile
import zlib

from chalicelib.domain import docx_parts
from chalicelib.domain.docx_parts import MACROS, RESAVE, refuse
from chalicelib.errors import AttachmentRejected

MAX_DOCX_BYTES = 10 * 1024 ** 2
MAX_ENTRIES = 2000
MAX_UNZIPPED = 200 * 1024 ** 2
MAX_RATIO = 200  # for entries over 1 MiB; document XML compresses about 10-30 times, pictures hardly at all
RATIO_MIN_SIZE = 1024 ** 2
# Rendering reads the XML into memory at about 2 s and 20 MB a MB of text (mammoth): bounded so the page
# renders within the API's time and memory. 3 MiB of document XML is some 300 pages of text.
MAX_DOCUMENT_XML = 3 * 1024 ** 2
MAX_ALL_XML = 12 * 1024 ** 2

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_EMBEDDING_FOLDERS = ("word/embeddings/", "word/activex/")

EMPTY = "附件是空文件（0 字节）。请选择 Word 方案文档（.docx）重新上传"
NOT_ZIP = ("附件不是 Word 文档（.docx）：可能是改了扩展名的 .doc、.pdf 或文本文件，或是设置了打开密码的文档。"
           f"{RESAVE}（不要设置打开密码）")
DAMAGED = f"附件已损坏，无法读取。{RESAVE}"
TOO_MANY_ENTRIES = f"附件内部的文件数超过 {MAX_ENTRIES} 个，不是正常的 Word 文档，已拒绝。{RESAVE}"
TOO_BIG_UNZIPPED = "附件解压后超过 200 MB，不是正常的 Word 文档（疑似“压缩炸弹”），已拒绝。请删减内容后重新保存上传"
BAD_RATIO = f"附件的压缩比异常（疑似“压缩炸弹”），已拒绝。{RESAVE}"
ENCRYPTED = f"附件中有加密的内容，无法检查，已拒绝。请取消加密，{RESAVE}"
NOT_WORD = f"附件不是 Word 文档（.docx），不能作为方案附件。{RESAVE}"
EXCEL = "附件是改了扩展名的 Excel 表格，不是 Word 文档。请把方案内容写在 Word 文档（.docx）中上传"
POWERPOINT = "附件是改了扩展名的 PowerPoint 演示文稿，不是 Word 文档。请把方案内容写在 Word 文档（.docx）中上传"
TOO_MUCH_TEXT = ("附件的文字内容过多（正文超过约 300 页），无法在页面中展示。"
                 "请精简或拆分为多个文档，图片和附录可另行提供，然后重新上传")
TEMPLATE = "附件是 Word 模板（.dotx），不是文档。请在 Word 中用模板新建文档，“另存为”Word 文档（*.docx）后上传"


def check_docx(data: bytes) -> None:
    """Raise AttachmentRejected, saying what is wrong and what to do, unless `data` is a plain, safe .docx."""
    archive = open_archive(data)
    entries = {entry.filename.lower(): entry for entry in archive.infolist()}
    if any(posixpath.basename(name) in _MACRO_PARTS for name in entries):
        refuse(MACROS)
    if any(name.startswith(_EMBEDDING_FOLDERS) for name in entries):
        refuse(docx_parts.EMBEDDED)
    types = _read_content_types(archive, entries)
    _check_main_part(types, entries)
    _check_text_size(types, entries)
    for entry in archive.infolist():
        _read(lambda entry=entry: docx_parts.scan(archive, entry))


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The archive, once its size and zip directory look like a Word document's (nothing inflated yet)."""
    if not data:
        refuse(EMPTY)
    if len(data) > MAX_DOCX_BYTES:
        refuse(f"附件有 {len(data) / 1024 ** 2:.1f} MB，超过 10 MB 的上限。"
               "请压缩文档中的图片（Word：图片格式 → 压缩图片）或删减内容后重新上传")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise AttachmentRejected(NOT_ZIP) from None
    if len(entries) > MAX_ENTRIES:
        refuse(TOO_MANY_ENTRIES)
    unzipped = sum(entry.file_size for entry in entries)
    if unzipped > MAX_UNZIPPED:
        refuse(TOO_BIG_UNZIPPED)
    # the whole too: many entries each under 1 MiB are a bomb as well
    sizes = [(entry.file_size, entry.compress_size) for entry in entries]
    sizes.append((unzipped, sum(entry.compress_size for entry in entries)))
    if any(size > RATIO_MIN_SIZE and size > MAX_RATIO * max(packed, 1) for size, packed in sizes):
        refuse(BAD_RATIO)
    if any(entry.flag_bits & 0x1 for entry in entries):
        refuse(ENCRYPTED)
    return archive


def _read_content_types(archive: zipfile.ZipFile, entries: dict) -> dict[str, str]:
    """Content type of each part that names one: {"word/document.xml": "...main+xml"} (overrides only)."""
    entry = entries.get("[content_types].xml")
    if entry is None:
        refuse(NOT_WORD)
    return _read(lambda: docx_parts.overrides(archive, entry))


def _check_main_part(types: dict[str, str], entries: dict) -> None:
    kinds = " ".join(types.values()).lower()
    if "macroenabled" in kinds or "vbaproject" in kinds:
        refuse(MACROS)
    if "wordprocessingml.template" in kinds:
        refuse(TEMPLATE)
    mains = [part for part, content_type in types.items() if content_type == WORD_MAIN]
    if len(mains) == 1 and mains[0] in entries:
        return
    if "spreadsheetml" in kinds:
        refuse(EXCEL)
    if "presentationml" in kinds:
        refuse(POWERPOINT)
    refuse(NOT_WORD)


def _check_text_size(types: dict[str, str], entries: dict) -> None:
    main = next(part for part, content_type in types.items() if content_type == WORD_MAIN)
    xml = sum(entry.file_size for name, entry in entries.items() if name.endswith((".xml", ".rels")))
    if entries[main].file_size > MAX_DOCUMENT_XML or xml > MAX_ALL_XML:
        refuse(TOO_MUCH_TEXT)


def _read(reading):
    """Run one read of the archive; a damaged entry (bad CRC, broken deflate stream) refuses the document."""
    try:
        return reading()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError):
        raise AttachmentRejected(DAMAGED) from None
