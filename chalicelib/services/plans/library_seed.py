"""The platform's pharmacy plan library, stored on first start with its documents."""
from collections.abc import Callable

from chalicelib.adapters import plan_store
from chalicelib.clock import now_iso
from chalicelib.domain.plans import library
from chalicelib.domain.plans.status import APPROVED
from chalicelib.services.plans import attachments, views

SEEDED_BY = "system"
DOCUMENT_VERSION = "library-v1"


def seed_library(document_of: Callable[[dict], tuple[bytes, str]]) -> int:
    """Store each library plan that is not stored yet (an admin's later edits are kept): how many were added.

    `document_of` gives a library entry's .docx and its HTML as `docx_html.to_html` renders it; it is passed in
    because the builder (python-docx) is a development tool, not part of the deployed functions."""
    added = 0
    for entry in library.PLANS:
        if plan_store.get(entry["key"]) is not None:
            continue
        now = now_iso()
        data, html = document_of(entry)
        document = attachments.store_supplied(entry["key"], f"{entry['name']}.docx", data, html, DOCUMENT_VERSION)
        added += plan_store.create_missing({
            "plan_id": entry["key"], "status": APPROVED, "author_kind": views.PLATFORM,
            "author_name": views.PLATFORM_AUTHOR, "created_by": SEEDED_BY, "created_at": now, "updated_at": now,
            "reviewed_at": now, "reviewed_by": SEEDED_BY, "name": entry["name"], "industry": entry["industry"],
            "event": entry["event"], "target_classes": list(entry["target_classes"]), "summary": entry["summary"],
            "description": entry["description"], "sms_text": entry["sms_text"], "shared": True,
            "price_fen": round(entry["price_yuan"] * 100), **document})
    return added
