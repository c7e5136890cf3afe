"""The customer list: search, filter, sort, page, class distribution and export."""
import secrets

from chalicelib import config
from chalicelib.adapters import customer_snapshot, objects
from chalicelib.domain.error_file import customers_export
from chalicelib.domain.rfm_classes import CLASS_NAMES, NO_PURCHASE, NOT_ANALYSED
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.errors import ValidationFailed
from chalicelib.services import analyses
from chalicelib.services.paging import page_bounds

SORTS = ("customer_code", "name", "rfm_class", "updated_at")
CLASS_LABELS = (*CLASS_NAMES, NO_PURCHASE, NOT_ANALYSED)  # every value the class column shows, best first
MAX_EXPORT_ROWS = 200_000


def _mask_id(number: str) -> str:
    return f"{number[:6]}********{number[-4:]}" if len(number) == 18 else ""


def _view(customer: dict) -> dict:
    return {"customer_code": customer["customer_code"], "name": customer["name"], "mobile": customer["mobile"],
            "gender": customer["gender"], "birthday": customer["birthday"], "region": customer["region"],
            "id_number_masked": _mask_id(customer["id_number"] or ""), "tags": customer["tags"],
            "sms_consent": bool(customer["sms_consent"]), "rfm_class": customer["rfm_class"],
            "updated_at": customer["updated_at"]}


def _matching(tenant_id: str, q: str = "", rfm_class: str = "", tag: str = "", sort: str = "customer_code",
              order: str = "asc") -> tuple[list[dict], list[dict]]:
    if sort not in SORTS or order not in ("asc", "desc"):
        raise ValidationFailed(f"排序字段只能是 {'、'.join(SORTS)}，顺序只能是 asc 或 desc")
    everyone = list(customer_snapshot.all_of(tenant_id).values())
    needle = q.strip().lower()
    chosen = [c for c in everyone
              if (not needle or any(needle in (c[f] or "").lower() for f in ("customer_code", "name", "mobile")))
              and (not rfm_class or (c["rfm_class"] or NOT_ANALYSED) == rfm_class)
              and (not tag or tag in c["tags"])]
    rank = {name: index for index, name in enumerate(CLASS_LABELS)}
    key = (lambda c: rank[c["rfm_class"] or NOT_ANALYSED]) if sort == "rfm_class" else (lambda c: c[sort] or "")
    chosen.sort(key=key, reverse=order == "desc")
    return chosen, everyone


def list_customers(tenant_id: str, page: int = 1, size: int = 20, **filters) -> dict:
    page, size, rows = page_bounds(page, size)
    chosen, everyone = _matching(tenant_id, **filters)
    tags = sorted({tag for customer in everyone for tag in customer["tags"]})
    current = analyses.current(tenant_id)
    return {"items": [_view(c) for c in chosen[rows]], "total": len(chosen), "page": page, "size": size, "tags": tags,
            "analysis_id": current and current["analysis_id"], "current_analysis": current}


def distribution(tenant_id: str) -> dict:
    everyone = customer_snapshot.all_of(tenant_id).values()
    counts = dict.fromkeys(CLASS_LABELS, 0)
    for customer in everyone:
        counts[customer["rfm_class"] or NOT_ANALYSED] += 1
    return {"total": sum(counts.values()), "classes": [{"name": n, "count": c} for n, c in counts.items()]}


def export(tenant_id: str, **filters) -> dict:
    """The filtered list as xlsx in the data bucket, handed out as a short-lived link."""
    chosen, _ = _matching(tenant_id, **filters)
    if len(chosen) > MAX_EXPORT_ROWS:
        raise ValidationFailed(f"一次最多导出 {MAX_EXPORT_ROWS:,} 位客户，请先用筛选条件缩小范围")
    key = f"exports/{tenant_id}/{secrets.token_hex(8)}.xlsx"
    objects.write(config.data_bucket(), key, customers_export([_view(c) for c in chosen]), XLSX_CONTENT_TYPE)
    filename = "客户列表.xlsx"
    return {"url": objects.presigned_get(config.data_bucket(), key, filename=filename), "filename": filename,
            "count": len(chosen)}
