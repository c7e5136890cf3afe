"""A .docx as sanitised HTML for the plan page: mammoth converts it, nh3 keeps an allow-list of tags and
attributes; pictures become data: URIs (PNG, JPEG, GIF only) until a byte budget is spent."""
import base64
import io
import json
import re

import mammoth
import nh3
from mammoth import html as mammoth_html

from chalicelib.domain.docx_check import open_archive
from chalicelib.domain.docx_parts import LINK_SCHEMES, link_scheme
from chalicelib.errors import AttachmentRejected

MAX_IMAGE_BYTES = 2 * 1024 ** 2
# The HTML travels as JSON with \u escapes (six bytes a Chinese character) in a Lambda response of at most 6 MB.
MAX_HTML_BYTES = 4 * 1024 ** 2

IMAGE_TOO_BIG = "〔图片过大，请下载原文查看〕"
IMAGE_NOT_SHOWN = "〔此处图片无法在页面中显示，请下载原文查看〕"
TOO_LONG = "<p>〔文档过长，页面只显示了前面部分，请下载原文查看全文〕</p>"
UNREADABLE = "无法读取附件中的 Word 内容，文件可能已损坏。请在 Word 中打开后“另存为”Word 文档（*.docx）再上传"

TAGS = {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "img"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
LINK_REL = "noopener noreferrer nofollow"

_IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF87a": "image/gif",
                     b"GIF89a": "image/gif"}
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif);base64,[A-Za-z0-9+/]*=*")


def to_html(data: bytes) -> str:
    """The document's sanitised HTML; AttachmentRejected when it is no readable Word document."""
    open_archive(data)  # the zip limits first, so mammoth never inflates a bomb
    pictures = _Pictures(MAX_IMAGE_BYTES)
    try:
        raw = mammoth.convert_to_html(io.BytesIO(data), convert_image=pictures.convert,
                                      include_embedded_style_map=False, external_file_access=False).value
    except Exception:  # mammoth raises many types for broken parts (KeyError, XML errors, ...): all mean unreadable
        raise AttachmentRejected(UNREADABLE) from None
    return _fitted(raw)


class _Pictures:
    """mammoth's convert_image: the picture inline while the budget lasts, else a note to download the original."""

    def __init__(self, budget: int):
        self.left = budget

    def convert(self, image) -> list:
        try:
            with image.open() as stream:
                content = stream.read(self.left + 1)
        except Exception:  # a linked picture (external access is off) or a missing part
            return [mammoth_html.text(IMAGE_NOT_SHOWN)]
        if len(content) > self.left:
            return [mammoth_html.text(IMAGE_TOO_BIG)]
        kind = next((kind for signature, kind in _IMAGE_SIGNATURES.items() if content.startswith(signature)), None)
        if kind is None:  # judged by the bytes, not by the content type the document claims
            return [mammoth_html.text(IMAGE_NOT_SHOWN)]
        self.left -= len(content)
        attributes = {"src": f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"}
        if image.alt_text:
            attributes["alt"] = image.alt_text
        return [mammoth_html.element("img", attributes)]


def _fitted(raw: str) -> str:
    """The clean HTML; cut short, with a note saying so, when it would not fit in the API's response."""
    html = _clean(raw)
    size, kept = _json_size(html), len(raw)
    while size > MAX_HTML_BYTES and kept > 0:
        kept = int(kept * MAX_HTML_BYTES / size * 0.9)
        html = _clean(raw[:kept]) + TOO_LONG  # the sanitiser closes, or drops, what the cut left open
        size = _json_size(html)
    return html


def _clean(raw: str) -> str:
    return nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_allowed_value,
                     url_schemes=set(LINK_SCHEMES) | {"data"}, url_relative="deny", link_rel=LINK_REL)


def _allowed_value(tag: str, attribute: str, value: str) -> str | None:
    """Links only to http/https/mailto; data: only as the src of a PNG, JPEG or GIF picture."""
    if attribute == "href":
        return value if link_scheme(value) in LINK_SCHEMES else None
    if attribute == "src":
        return value if tag == "img" and _DATA_IMAGE.fullmatch(value) else None
    if attribute in ("colspan", "rowspan"):
        return value if value.isascii() and value.isdigit() else None
    return value


def _json_size(html: str) -> int:
    return len(json.dumps(html))
