"""The library plans' documents (.docx and the HTML shown beside a plan), built, checked and rendered as an upload
is, once per version of the library and its builders, and kept in build/plan-library/.

Building the 46 documents with python-docx, checking and rendering them costs about 25 s of CPU; every start of
a local stack and every plan test stores the library, and the same library always builds the same bytes
(local/plan_documents.py), so they are built once and read back after that.
"""
import hashlib
import json
import os
import tempfile
import zipfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

from chalicelib.domain import docx_check, docx_html
from chalicelib.domain.plans.library import PLANS
from local import plan_documents

CACHE_DIR = Path(__file__).resolve().parents[1] / "build" / "plan-library"


@cache
def library_documents() -> dict[str, tuple[bytes, str]]:
    """Plan key -> (its .docx, its HTML) for every library plan."""
    path = CACHE_DIR / f"{_digest()}.zip"
    try:
        return _read(path)
    except (OSError, zipfile.BadZipFile, KeyError):
        documents = _built()
        _write(path, documents)
        return documents


def document_of(entry: dict) -> tuple[bytes, str]:
    """What `seed_library` stores for one library entry."""
    return library_documents()[entry["key"]]


def _built() -> dict[str, tuple[bytes, str]]:
    built = {}
    for plan in PLANS:
        data = plan_documents.build_document(plan)
        docx_check.check_docx(data)
        built[plan["key"]] = (data, docx_html.to_html(data))
    return built


def _digest() -> str:
    """Changes with the library, the builder, the renderer and the libraries they use."""
    parts = [json.dumps(PLANS, ensure_ascii=False, sort_keys=True).encode("utf-8"),
             *(Path(module.__file__).read_bytes() for module in (plan_documents, docx_check, docx_html)),
             *(version(package).encode() for package in ("python-docx", "mammoth", "nh3"))]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def _read(path: Path) -> dict[str, tuple[bytes, str]]:
    with zipfile.ZipFile(path) as archive:
        return {plan["key"]: (archive.read(f"{plan['key']}.docx"), archive.read(f"{plan['key']}.html").decode("utf-8"))
                for plan in PLANS}


def _write(path: Path, documents: dict[str, tuple[bytes, str]]) -> None:
    """Written beside and renamed into place: two stacks starting at once never read half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w") as archive:
        for key, (data, html) in documents.items():
            archive.writestr(f"{key}.docx", data)
            archive.writestr(f"{key}.html", html.encode("utf-8"))
    os.replace(temporary, path)
