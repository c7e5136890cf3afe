"""The library's documents are built once and read back: the same bytes and HTML, rebuilt when the library changes
or the kept file is broken."""
import pytest

from chalicelib.domain.docx_html import to_html
from chalicelib.domain.plans.library import PLANS
from local import plan_library_cache
from local.plan_documents import build_document

TWO = PLANS[:2]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_library_cache, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(plan_library_cache, "PLANS", TWO)
    plan_library_cache.library_documents.cache_clear()
    yield tmp_path
    plan_library_cache.library_documents.cache_clear()


def builds(monkeypatch) -> list[str]:
    built = []
    real = plan_library_cache.plan_documents.build_document
    monkeypatch.setattr(plan_library_cache.plan_documents, "build_document",
                        lambda plan: built.append(plan["key"]) or real(plan))
    return built


def test_the_documents_are_built_once_then_read_back_the_same(cache_dir, monkeypatch):
    built = builds(monkeypatch)
    first = plan_library_cache.library_documents()
    plan_library_cache.library_documents.cache_clear()
    again = plan_library_cache.library_documents()
    assert built == [plan["key"] for plan in TWO]
    assert again == first
    data, html = plan_library_cache.document_of(TWO[0])
    assert data == build_document(TWO[0]) and html == to_html(data)


def test_a_broken_file_is_built_again(cache_dir, monkeypatch):
    plan_library_cache.library_documents()
    [kept] = cache_dir.glob("*.zip")
    kept.write_bytes(b"not a zip")
    plan_library_cache.library_documents.cache_clear()
    built = builds(monkeypatch)
    assert plan_library_cache.library_documents()[TWO[1]["key"]][0] == build_document(TWO[1])
    assert len(built) == 2


def test_a_changed_library_is_kept_under_another_name(cache_dir, monkeypatch):
    plan_library_cache.library_documents()
    monkeypatch.setattr(plan_library_cache, "PLANS", [{**TWO[0], "summary": "改过的摘要"}, TWO[1]])
    plan_library_cache.library_documents.cache_clear()
    plan_library_cache.library_documents()
    assert len(list(cache_dir.glob("*.zip"))) == 2
