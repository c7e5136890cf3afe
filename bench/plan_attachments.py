"""What checking and rendering a plan attachment costs (issue 10).

    python -m bench.plan_attachments

(a) the seeded library: every document built (python-docx), checked and rendered, as the local stack's
    first start does;
(b) a document at the text limit (document XML just under MAX_DOCUMENT_XML): check and render, with the
    peak RSS the render adds — the submit request does both inside the API's 29 s.
Each case runs in a fresh interpreter that reports its own peak RSS (getrusage ru_maxrss).
"""
import json
import resource
import subprocess
import sys
import time

CHILD = "--child"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _library() -> dict:
    from chalicelib.domain.docx_check import check_docx
    from chalicelib.domain.docx_html import to_html
    from chalicelib.domain.plans.library import PLANS
    from local.plan_documents import build_document

    started = time.perf_counter()
    documents = [build_document(plan) for plan in PLANS]
    built = time.perf_counter()
    for document in documents:
        check_docx(document)
    checked = time.perf_counter()
    for document in documents:
        to_html(document)
    return {"plans": len(PLANS), "build_s": built - started, "check_s": checked - built,
            "render_s": time.perf_counter() - checked, "kb_each": sum(map(len, documents)) / len(documents) / 1024}


def _at_limit() -> dict:
    from chalicelib.domain.docx_check import MAX_DOCUMENT_XML, check_docx
    from chalicelib.domain.docx_html import to_html
    from tests.unit.docx_fixtures import plan_docx, with_body

    paragraph = "<w:p><w:r><w:t>会员日到店免费测血压，第 {} 段。</w:t></w:r></w:p>"
    count = (MAX_DOCUMENT_XML - 20_000) // len(paragraph.format(10 ** 5).encode())
    data = with_body(plan_docx(), "".join(paragraph.format(n) for n in range(count)))
    before = _rss_mb()
    started = time.perf_counter()
    check_docx(data)
    checked = time.perf_counter()
    html = to_html(data)
    return {"zipped_kb": len(data) / 1024, "check_s": checked - started, "render_s": time.perf_counter() - checked,
            "render_peak_mb": _rss_mb() - before, "html_mb": len(html) / 1024 ** 2}


CASES = {"a": _library, "b": _at_limit}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == CHILD:
        print(json.dumps(CASES[sys.argv[2]]()))
        return
    for case in CASES:
        done = subprocess.run([sys.executable, "-m", "bench.plan_attachments", CHILD, case],
                              capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout)
        print(f"({case}) " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                      for k, v in figures.items()))


if __name__ == "__main__":
    main()
