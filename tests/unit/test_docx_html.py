"""Plan attachments as HTML: the document reads as it was written, and nothing in it can run script."""
import json
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain import docx_check, docx_html
from chalicelib.domain.docx_html import ATTRIBUTES, IMAGE_NOT_SHOWN, IMAGE_TOO_BIG, TAGS, TOO_LONG, to_html
from chalicelib.errors import AttachmentRejected
from tests.unit import docx_fixtures as fx

HOSTILE_TEXT = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                "<a href='javascript:alert(1)'>x</a>", "&lt;b&gt;", "]]>", "<!--", "onclick=alert(1)"]
HOSTILE_SCHEMES = ["javascript:", "JAVASCRIPT:", "data:text/html,", "vbscript:", "file:///", " java\tscript:", "",
                   "http://", "https://", "mailto:"]


class Markup(HTMLParser):
    """Every start tag of a fragment with its attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """Only allow-listed tags and attributes; links only http/https/mailto; pictures only data: PNG/JPEG/GIF."""
    for tag, attributes in Markup(html).tags:
        assert tag in TAGS
        assert set(attributes) <= ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert not any(name.startswith("on") or "javascript:" in (value or "").lower()
                       for name, value in attributes.items())
        if "href" in attributes:
            assert attributes["href"].startswith(("http://", "https://", "mailto:"))
        if "src" in attributes:
            assert attributes["src"].startswith(("data:image/png;base64,", "data:image/jpeg;base64,",
                                                 "data:image/gif;base64,"))


def test_a_plan_renders_its_headings_list_table_bold_text_link_and_picture():
    html = to_html(fx.plan_docx())
    assert "<h1>会员日关怀方案</h1>" in html and "<h2>活动目标</h2>" in html
    assert "<strong>重要挽留客户</strong>" in html
    assert "<li>每月 8 日会员日到店领取健康礼包</li>" in html
    assert "<table>" in html and "<td><p>活动前 3 天</p></td>" in html
    assert '<a href="https://example.com/plan" rel="noopener noreferrer nofollow">活动说明</a>' in html
    assert '<img src="data:image/png;base64,' in html
    assert_inert(html)


def test_script_typed_as_text_stays_text():
    html = to_html(fx.text_docx("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html
    assert_inert(html)


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:msgbox(1)", "file:///C:/secret.txt", "plan.docx"])
def test_a_link_to_anything_but_http_https_or_mailto_loses_its_href_and_keeps_its_text(url):
    html = to_html(fx.text_docx("方案", links=[(url, "点我")]))
    assert "点我" in html and "href" not in html
    assert "javascript:" not in html.lower()


def test_a_mailto_link_is_kept():
    html = to_html(fx.text_docx(links=[("mailto:shop@example.com", "联系我们")]))
    assert 'href="mailto:shop@example.com"' in html


def test_a_picture_alt_text_cannot_become_an_attribute():
    html = to_html(fx.pictures_docx(fx.png_bytes(), alt='x" onerror="alert(1)'))
    [(tag, attributes)] = Markup(html).tags[1:]
    assert tag == "img" and set(attributes) == {"src", "alt"}
    assert attributes["alt"] == 'x" onerror="alert(1)'
    assert_inert(html)


def test_a_picture_whose_bytes_are_not_png_jpeg_or_gif_is_not_inlined():
    data = fx.rewritten(fx.pictures_docx(fx.png_bytes()), {"word/media/image1.png": b"<svg onload='alert(1)'/>"})
    html = to_html(data)
    assert IMAGE_NOT_SHOWN in html and "<img" not in html and "svg" not in html


def test_pictures_beyond_2_mb_in_all_become_a_note_to_download_the_original():
    large = fx.png_bytes(600, 640, seed=1)  # about 1.15 MB each: the second does not fit
    html = to_html(fx.pictures_docx(large, large, fx.png_bytes()))
    assert html.count("<img") == 2
    assert html.count(IMAGE_TOO_BIG) == 1


def test_a_document_too_long_for_the_page_is_cut_with_a_note(monkeypatch):
    monkeypatch.setattr(docx_html, "MAX_HTML_BYTES", 3000)
    html = to_html(fx.text_docx(*(f"第 {number} 段：会员日活动安排与预算说明" for number in range(200))))
    assert html.startswith("<p>第 0 段") and html.endswith(TOO_LONG)
    assert len(json.dumps(html)) <= 3000
    assert_inert(html)


def test_a_package_mammoth_cannot_read_is_refused_like_a_bad_upload():
    with pytest.raises(AttachmentRejected) as refused:
        to_html(fx.rewritten(fx.plan_docx(), {fx.DOCUMENT: None}))
    assert refused.value.message == docx_html.UNREADABLE


def test_a_zip_bomb_is_refused_before_mammoth_inflates_it():
    with pytest.raises(AttachmentRejected) as refused:
        to_html(fx.highly_compressed(fx.plan_docx()))
    assert refused.value.message == docx_check.BAD_RATIO


xml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=30)
paragraph = st.lists(st.one_of(xml_text, st.sampled_from(HOSTILE_TEXT)), max_size=4).map("".join)
url = st.tuples(st.sampled_from(HOSTILE_SCHEMES), st.text(alphabet="abc/:.?=&%()'<>\"", max_size=20)).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=5), links=st.lists(st.tuples(url, xml_text), max_size=3))
def test_no_text_or_link_in_a_document_renders_as_anything_but_allowed_markup(paragraphs, links):
    assert_inert(to_html(fx.text_docx(*paragraphs, links=links)))
