"""Plan attachments: a plain Word document passes; each renamed, macro-carrying, bomb-like, linking-out or
embedding document is refused with its own message saying what to do."""
import pytest

from chalicelib.domain import docx_check, docx_parts
from chalicelib.domain.docx_check import MAX_DOCX_BYTES, check_docx
from chalicelib.errors import AttachmentRejected, ValidationFailed
from tests.unit import docx_fixtures as fx

PLAN = fx.plan_docx()


def refusal(data: bytes) -> str:
    with pytest.raises(AttachmentRejected) as refused:
        check_docx(data)
    return refused.value.message


def test_a_real_word_document_with_headings_list_table_link_and_picture_passes():
    check_docx(PLAN)


def test_the_refusal_is_a_validation_failure_so_the_api_answers_400():
    with pytest.raises(ValidationFailed) as refused:
        check_docx(b"")
    assert refused.value.status == 400


def test_an_empty_file_is_refused():
    assert refusal(b"") == docx_check.EMPTY


def test_a_file_over_10_mb_is_refused_with_its_size():
    message = refusal(b"PK" + b"\0" * (11 * 1024 ** 2))
    assert "11.0 MB" in message and "10 MB" in message
    assert MAX_DOCX_BYTES == 10 * 1024 ** 2


@pytest.mark.parametrize("data", [b"plain text renamed to .docx", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_a_renamed_text_pdf_or_old_doc_file_is_refused_as_not_a_docx(data):
    assert refusal(data) == docx_check.NOT_ZIP


def test_a_renamed_excel_workbook_is_refused_as_excel():
    assert refusal(fx.xlsx_bytes()) == docx_check.EXCEL


def test_a_zip_without_content_types_is_not_a_word_document():
    assert refusal(fx.rewritten(PLAN, {"[Content_Types].xml": None})) == docx_check.NOT_WORD


def test_a_package_whose_main_part_is_missing_is_not_a_word_document():
    assert refusal(fx.rewritten(PLAN, {fx.DOCUMENT: None})) == docx_check.NOT_WORD


def test_a_macro_enabled_document_is_refused():
    docm = fx.with_content_type(PLAN, "application/vnd.ms-word.document.macroEnabled.main+xml")
    assert refusal(docm) == docx_parts.MACROS


def test_a_vba_project_part_is_refused_whatever_the_content_types_say():
    assert refusal(fx.rewritten(PLAN, {"word/vbaProject.bin": b"\0" * 64})) == docx_parts.MACROS


def test_a_vba_data_part_is_refused():
    assert refusal(fx.rewritten(PLAN, {"word/vbaData.xml": b"<wne:vbaSuppData/>"})) == docx_parts.MACROS


def test_a_word_template_is_refused_as_a_template():
    dotx = fx.with_content_type(PLAN, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
    assert refusal(dotx) == docx_check.TEMPLATE


def test_a_highly_compressed_entry_is_refused_as_a_zip_bomb():
    assert refusal(fx.highly_compressed(PLAN)) == docx_check.BAD_RATIO


def test_a_directory_claiming_300_mb_unzipped_is_refused_before_inflating():
    assert refusal(fx.claiming_size(PLAN, fx.DOCUMENT, 300 * 1024 ** 2)) == docx_check.TOO_BIG_UNZIPPED


def test_a_directory_that_lies_small_is_refused_as_damaged_when_read():
    assert refusal(fx.claiming_size(PLAN, fx.DOCUMENT, 100)) == docx_check.DAMAGED


def test_too_many_entries_are_refused():
    assert refusal(fx.many_entries(PLAN, docx_check.MAX_ENTRIES)) == docx_check.TOO_MANY_ENTRIES


def test_an_encrypted_entry_is_refused():
    assert refusal(fx.encrypted(PLAN)) == docx_check.ENCRYPTED


def test_an_external_attached_template_is_refused_naming_the_template():
    data = fx.with_relationship(PLAN, "attachedTemplate", "file:///C:/Templates/Plan.dotm",
                                part="word/_rels/settings.xml.rels")
    message = refusal(data)
    assert "外部的模板" in message and "file:///C:/Templates/Plan.dotm" in message


def test_a_linked_picture_is_refused_as_an_external_picture():
    assert "外部的图片" in refusal(fx.with_relationship(PLAN, "image", "http://tracker.example/pixel.png"))


def test_an_embedded_ole_object_is_refused():
    data = fx.with_relationship(PLAN, "oleObject", "embeddings/oleObject1.bin", external=False)
    data = fx.rewritten(data, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})
    assert refusal(fx.with_body(data, '<w:p><w:r><w:object><o:OLEObject r:id="rId99" '
                                      'xmlns:o="urn:schemas-microsoft-com:office:office"/></w:object></w:r></w:p>'
                                )) == docx_parts.EMBEDDED


@pytest.mark.parametrize("kind", ["oleObject", "package", "control"])
def test_an_embedding_relationship_alone_is_refused(kind):
    assert refusal(fx.with_relationship(PLAN, kind, "objects/thing.bin", external=False)) == docx_parts.EMBEDDED


def test_a_w_object_element_alone_is_refused():
    assert refusal(fx.with_body(PLAN, "<w:p><w:r><w:object/></w:r></w:p>")) == docx_parts.EMBEDDED


def test_an_activex_part_is_refused():
    assert refusal(fx.rewritten(PLAN, {"word/activeX/activeX1.xml": b"<ax:ocx/>"})) == docx_parts.EMBEDDED


def test_an_alt_chunk_is_refused():
    data = fx.with_relationship(PLAN, "aFChunk", "afchunk.mht", external=False)
    data = fx.rewritten(data, {"word/afchunk.mht": b"MIME-Version: 1.0\r\n\r\n<html><script>x</script></html>"})
    assert refusal(fx.with_body(data, '<w:altChunk r:id="rId99"/>')) == docx_parts.ALT_CHUNK


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<b>x</b>", "file:///C:/secret.txt", "vbscript:msgbox(1)", "plan.docx"])
def test_a_hyperlink_to_anything_but_http_https_or_mailto_is_refused(url):
    message = refusal(fx.text_docx("方案", links=[(url, "点我")]))
    assert "不安全的链接" in message and "http、https" in message


@pytest.mark.parametrize("url", ["https://example.com/a?b=1", "http://example.com", "mailto:shop@example.com"])
def test_http_https_and_mailto_hyperlinks_pass(url):
    check_docx(fx.text_docx("方案", links=[(url, "链接")]))


def test_a_hyperlink_field_to_javascript_is_refused():
    field = ('<w:p><w:fldSimple w:instr=\' HYPERLINK "javascript:alert(1)" \\o "提示" \'>'
             '<w:r><w:t>点我</w:t></w:r></w:fldSimple></w:p>')
    assert "javascript:alert(1)" in refusal(fx.with_body(PLAN, field))


def test_a_hyperlink_field_split_over_runs_is_read_whole():
    field = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "java</w:instrText></w:r>'
             '<w:r><w:instrText>script:alert(1)" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>点我</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    assert "javascript:alert(1)" in refusal(fx.with_body(PLAN, field))


def test_a_table_of_contents_link_to_a_bookmark_passes():
    field = '<w:p><w:fldSimple w:instr=\' HYPERLINK \\l "_Toc1" \'><w:r><w:t>目录</w:t></w:r></w:fldSimple></w:p>'
    check_docx(fx.with_body(PLAN, field))


@pytest.mark.parametrize("part", [fx.DOCUMENT, fx.DOCUMENT_RELS, "[Content_Types].xml", "word/styles.xml"])
def test_a_doctype_or_entity_declaration_in_any_part_is_refused(part):
    assert refusal(fx.with_doctype(PLAN, part)) == docx_parts.DTD


def test_a_part_that_is_not_well_formed_xml_is_refused_as_damaged():
    assert refusal(fx.edited(PLAN, fx.DOCUMENT, "</w:body>", "</w:bod>")) == docx_parts.BAD_XML


def test_many_highly_compressed_entries_are_refused_as_a_zip_bomb_together():
    assert refusal(fx.many_compressed_entries(PLAN)) == docx_check.BAD_RATIO


def test_a_document_with_more_text_than_a_page_can_show_is_refused_before_rendering():
    paragraphs = "".join(f"<w:p><w:r><w:t>第 {n} 段</w:t></w:r></w:p>" for n in range(100_000))
    long = fx.with_body(PLAN, paragraphs)  # 4 MB of document XML, compressed as text is
    assert "文字内容过多" in refusal(long)
