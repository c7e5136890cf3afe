"""The XML parts of a .docx, read by expat a chunk at a time with DTDs refused: what the document embeds
(macros, OLE objects, ActiveX, altChunk) and where it links to (relationships, HYPERLINK fields)."""
import re
import zipfile
from typing import NoReturn
from urllib.parse import urlsplit
from xml.parsers import expat

from chalicelib.errors import AttachmentRejected

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
CHUNK = 1024 ** 2

RESAVE = "请在 Word 中打开后“另存为”Word 文档（*.docx）再上传"
MACROS = ("附件包含宏（VBA 代码），出于安全原因不能接受。"
          "请在 Word 中“另存为”Word 文档（*.docx，不是启用宏的 .docm）后重新上传")
EMBEDDED = ("附件中嵌入了对象（OLE 对象、ActiveX 控件或嵌入的其他文件），出于安全原因不能接受。"
            "请删除这些对象（图片请直接插入），另存后重新上传")
ALT_CHUNK = ("附件中含有外部格式的内容块（altChunk，常见于网页或其他程序导出的文档），无法安全显示。"
             "请在 Word 中打开后另存为新的 .docx 再上传")
BAD_XML = f"附件已损坏（内部 XML 无法解析）。{RESAVE}"
DTD = f"附件的内部 XML 含有文档类型声明（DOCTYPE/ENTITY），正常的 Word 文档不会包含，已拒绝。{RESAVE}"

_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships Relationship"
_OVERRIDE = "http://schemas.openxmlformats.org/package/2006/content-types Override"
_EMBEDDING_ELEMENTS = {f"{w} {name}" for w in _W for name in ("object", "control")} | {
    "urn:schemas-microsoft-com:office:office OLEObject"}
_ALT_CHUNK_ELEMENTS = {f"{w} altChunk" for w in _W}
_WATCHED = _EMBEDDING_ELEMENTS | _ALT_CHUNK_ELEMENTS | {_RELATIONSHIP} | {
    f"{w} {name}" for w in _W for name in ("fldSimple", "fldChar", "instrText")}
_MACRO_RELATIONSHIPS = {"vbaProject", "wordVbaData", "keyMapCustomizations"}
_EMBEDDING_RELATIONSHIPS = {"oleObject", "package", "control", "activeXControlBinary"}
_EXTERNAL_KINDS = {"attachedTemplate": "模板", "image": "图片（链接而非插入的图片）", "subDocument": "子文档",
                   "frame": "网页框架"}
_FIELD_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_SWITCHES_WITH_ARGUMENT = {"\\l", "\\o", "\\t"}


def refuse(message: str) -> NoReturn:
    raise AttachmentRejected(message)


def overrides(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> dict[str, str]:
    """[Content_Types].xml's overrides: lower-case part name without the leading slash → content type."""
    found = {}

    def start(name, attributes):
        if name == _OVERRIDE:
            found[attributes.get("PartName", "").lstrip("/").lower()] = attributes.get("ContentType", "")

    _parse(archive, entry, lambda parser: start)
    return found


def scan(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Refuse the document if this part, when it is XML, embeds an object or links out unsafely."""
    if not entry.is_dir():
        _parse(archive, entry, lambda parser: _PartScan(parser).start)


class _PartScan:
    """expat handlers for one part. Only watched elements reach Python code beyond a set lookup, and text is
    read only inside w:instrText (a HYPERLINK field's instruction, possibly split over several runs)."""

    def __init__(self, parser):
        self.parser = parser
        self.fields: list[list[str]] = []  # instruction text of each complex field open at this point

    def start(self, name: str, attributes: dict) -> None:
        if name not in _WATCHED:
            return
        if name in _EMBEDDING_ELEMENTS:
            refuse(EMBEDDED)
        if name in _ALT_CHUNK_ELEMENTS:
            refuse(ALT_CHUNK)
        namespace, _, local = name.rpartition(" ")
        if name == _RELATIONSHIP:
            _check_relationship(attributes)
        elif local == "fldSimple":
            _check_field(attributes.get(f"{namespace} instr", ""))
        elif local == "fldChar":
            self._field_char(attributes.get(f"{namespace} fldCharType", ""))
        elif local == "instrText" and self.fields:
            self.parser.CharacterDataHandler = self.fields[-1].append
            self.parser.EndElementHandler = self._end_instruction

    def _end_instruction(self, _name: str) -> None:
        self.parser.CharacterDataHandler = None
        self.parser.EndElementHandler = None

    def _field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append([])
        elif kind in ("separate", "end") and self.fields:
            _check_field("".join(self.fields[-1]))
            if kind == "end":
                self.fields.pop()


def _check_relationship(attributes: dict) -> None:
    kind = attributes.get("Type", "").rsplit("/", 1)[-1]
    target = attributes.get("Target", "")
    if kind in _MACRO_RELATIONSHIPS:
        refuse(MACROS)
    if kind == "aFChunk":
        refuse(ALT_CHUNK)
    if kind in _EMBEDDING_RELATIONSHIPS:
        refuse(EMBEDDED)
    if kind == "hyperlink":
        _check_link(target)
    elif attributes.get("TargetMode", "").lower() == "external":
        refuse(f"附件引用了外部的{_EXTERNAL_KINDS.get(kind, '文件')}（{target.strip()[:60]}），打开时会访问文档以外的地址，"
               "已拒绝。请把内容复制到新建的空白 Word 文档中，另存为 .docx 后重新上传")


def _check_field(instruction: str) -> None:
    """The target of a HYPERLINK field is its first argument that is not a switch or a switch's argument."""
    tokens = [quoted or bare for quoted, bare in _FIELD_TOKEN.findall(instruction)]
    if not tokens or tokens[0].upper() != "HYPERLINK":
        return
    arguments = iter(tokens[1:])
    for token in arguments:
        if token.lower() in _SWITCHES_WITH_ARGUMENT:
            next(arguments, None)
        elif not token.startswith("\\"):
            _check_link(token)
            return


def link_scheme(url: str) -> str:
    """The scheme as a browser reads it (urlsplit drops leading controls and spaces, tabs and line breaks)."""
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def _check_link(target: str) -> None:
    if link_scheme(target) not in LINK_SCHEMES:
        refuse(f"附件中有不安全的链接（{target.strip()[:60]}），方案文档只能链接 http、https 网址或 mailto 邮箱。"
               "请在 Word 中删除或修改这个链接后重新上传")


def _parse(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, start_handler) -> None:
    """Parse one part a chunk at a time; `start_handler(parser)` gives the StartElementHandler."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = start_handler(parser)
    with archive.open(entry) as part:
        chunk = part.read(CHUNK)
        if not _looks_like_xml(chunk):  # pictures and other binary parts are not inflated further
            return
        try:
            while chunk:
                parser.Parse(chunk, False)
                chunk = part.read(CHUNK)
            parser.Parse(b"", True)
        except expat.ExpatError:
            refuse(BAD_XML)


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\0<"))


def _refuse_dtd(*_) -> None:
    refuse(DTD)
