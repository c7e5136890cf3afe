"""The Word document (.docx) of a library plan, built with python-docx (a development tool: never deployed).

The same plan always builds the same bytes: the document properties and the zip entries carry a fixed date.
"""
import io
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from chalicelib.domain.sms.length import OPT_OUT_SUFFIX, SAMPLE_SIGNATURE, SAMPLE_VALUES, measure

AUTHOR = "精准营销云 平台专家"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
CHINESE_FONT = "微软雅黑"


def build_document(plan: dict) -> bytes:
    """The plan as a .docx: title, meta table, then its sections from objective to compliance notes."""
    document = Document()
    _use_chinese_font(document)
    document.add_heading(plan["name"], level=1)
    document.add_paragraph(plan["summary"])
    _table(document, ("项目", "内容"), _meta_rows(plan))
    _section(document, "方案概述", plan["description"].split("\n"))
    _section(document, "目标", [plan["objective"]])
    _section(document, "目标客群及原因", [plan["audience"]])
    _listed(document, "活动机制", plan["mechanics"], "List Number")
    document.add_heading("执行时间表", level=2)
    _table(document, ("时间", "工作内容"), plan["timeline"])
    document.add_heading("预算", level=2)
    _table(document, ("项目", "金额（元）"),
           [(item, _yuan(amount)) for item, amount in plan["budget"]] + [("合计", _yuan(plan["budget_total"]))])
    _sms_section(document, plan["sms_text"])
    _listed(document, "效果评估", plan["measurement"], "List Bullet")
    _listed(document, "合规提示", plan["cautions"], "List Bullet")
    _fix_properties(document, plan["name"])
    return _with_fixed_dates(_saved(without_unused_styles(document)))


def without_unused_styles(document):
    """Drop the styles nothing uses: python-docx's template carries 350 KB of them, which costs every reader
    (mammoth spends 0.5 s a document on them) and the download."""
    styles = document.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = set(document.element.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val"))
    wanted |= {i for i, style in by_id.items() if style.get(qn("w:default")) == "1"}
    pending = list(wanted)
    while pending:  # a style keeps the style it is based on
        base = by_id.get(pending.pop())
        base = base.find(qn("w:basedOn")) if base is not None else None
        if base is not None and base.get(qn("w:val")) not in wanted:
            wanted.add(base.get(qn("w:val")))
            pending.append(base.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    return document


def _meta_rows(plan: dict) -> list[tuple[str, str]]:
    price = f"¥{plan['price_yuan']:.2f}" if plan["price_yuan"] else "免费"
    return [("行业", plan["industry"]), ("活动", plan["event"]),
            ("目标客群", "、".join(plan["target_classes"])), ("价格", price), ("作者", AUTHOR)]


def _sms_section(document, body: str) -> None:
    sms = measure(body)
    document.add_heading("短信文案", level=2)
    document.add_paragraph(sms.text)
    document.add_paragraph(
        f"共 {sms.chars} 字，按 {sms.parts} 条计费。示例签名为“{SAMPLE_SIGNATURE}”，"
        f"{{name}} 按“{SAMPLE_VALUES['name']}”计；发送时系统自动加上贵店报备的签名和“{OPT_OUT_SUFFIX}”，"
        "签名字数不同，总字数随之增减。")


def _section(document, heading: str, paragraphs) -> None:
    document.add_heading(heading, level=2)
    for text in paragraphs:
        document.add_paragraph(text)


def _listed(document, heading: str, items, style: str) -> None:
    document.add_heading(heading, level=2)
    for text in items:
        document.add_paragraph(text, style=style)


def _table(document, header: tuple[str, str], rows) -> None:
    table = document.add_table(rows=1, cols=len(header), style="Table Grid")
    heading_row = table.rows[0]
    heading_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page; <th> in HTML
    for cell, text in zip(heading_row.cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


def _yuan(amount: float) -> str:
    return f"{amount:,.2f}"


def _use_chinese_font(document) -> None:
    """Word picks a Latin font for Chinese text unless the East Asian font is named on the styles."""
    for name in ("Normal", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), CHINESE_FONT)


def _fix_properties(document, title: str) -> None:
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, AUTHOR, AUTHOR
    properties.comments = ""
    properties.created = properties.modified = FIXED_DATE
    properties.revision = 1


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_fixed_dates(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED_DATE (python-docx stamps them with the time of saving)."""
    stamp = FIXED_DATE.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp), source.read(entry),
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
