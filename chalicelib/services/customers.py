"""The customer list: search, filter, sort, page, class distribution and export, over the customer table."""
import secrets

import numpy as np

from chalicelib import config
from chalicelib.adapters import audit_log, customers, objects
from chalicelib.adapters.npz_codec import decode_text
from chalicelib.domain.customer_columns import NOT_ANALYSED_INDEX, day_texts, mask_mobile
from chalicelib.domain.customer_list import SORTS, matching, needed_columns, order
from chalicelib.domain.error_file import customers_export
from chalicelib.domain.export_size import JOB_MAX_ROWS, percent
from chalicelib.domain.rfm_classes import CLASS_LABELS
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.errors import ValidationFailed
from chalicelib.services.analyses import saved
from chalicelib.services.exports import jobs
from chalicelib.services.paging import page_bounds

EXPORT_BATCH_ROWS = 20_000
VIEW_COLUMNS = ("name", "mobile", "gender", "birthday", "region", "id_number", "tags", "sms_consent", "rfm_class",
                "updated_at", "store", "last_order_day", "order_count", "total_fen")


def _mask_id(number: str) -> str:
    return f"{number[:6]}********{number[-4:]}" if len(number) == 18 else ""


def views(columns, rows: np.ndarray, mobile_visible: bool = True) -> list[dict]:
    """The list's items for `rows` of the table (read with VIEW_COLUMNS)."""
    text = {name: decode_text(columns.raw(name)[rows]).tolist() for name in (
        "customer_code", "name", "mobile", "gender", "region", "id_number", "updated_at", "store")}
    birthday, last_order = day_texts(columns["birthday"][rows]).tolist(), day_texts(columns["last_order_day"][rows])
    classes, consent = columns["rfm_class"][rows].tolist(), columns["sms_consent"][rows].tolist()
    counts, totals = columns["order_count"][rows].tolist(), columns["total_fen"][rows].tolist()
    tags = columns["tags"].take(rows).lists(len(rows))
    return [{"customer_code": text["customer_code"][k], "name": text["name"][k],
             "mobile": text["mobile"][k] if mobile_visible else mask_mobile(text["mobile"][k]),
             "gender": text["gender"][k], "birthday": birthday[k], "region": text["region"][k],
             "id_number_masked": _mask_id(text["id_number"][k]), "tags": tags[k], "sms_consent": consent[k],
             "rfm_class": None if classes[k] == NOT_ANALYSED_INDEX else CLASS_LABELS[classes[k]],
             "updated_at": text["updated_at"][k], "store": text["store"][k], "last_order_date": last_order[k] or None,
             "order_count": counts[k], "total_spent": f"{totals[k] / 100:.2f}"} for k in range(len(rows))]


def _check_sort(sort: str, order_: str) -> None:
    if sort not in SORTS or order_ not in ("asc", "desc"):
        raise ValidationFailed(f"排序字段只能是 {'、'.join(SORTS)}，顺序只能是 asc 或 desc")


def _chosen(tenant_id: str, sort: str = "customer_code", order_: str = "asc", extra=(), **filters):
    _check_sort(sort, order_)
    columns = customers.columns(tenant_id, needed_columns(sort=sort, **filters) | {"tags", *extra})
    return columns, order(columns, matching(columns, **filters), sort, order_ == "desc")


def list_customers(tenant_id: str, page: int = 1, size: int = 20, mobile_visible: bool = True,
                   order: str = "asc", **filters) -> dict:
    """One page of the filtered, sorted list, the tenant's tag names and the analysis in force."""
    page, size, rows = page_bounds(page, size)
    columns, chosen = _chosen(tenant_id, order_=order, extra=VIEW_COLUMNS, **filters)
    current = saved.current(tenant_id)
    return {"items": views(columns, chosen[rows], mobile_visible), "total": len(chosen), "page": page, "size": size,
            "tags": columns["tags"].names.tolist(), "analysis_id": current and current["analysis_id"],
            "current_analysis": current}


def distribution(tenant_id: str, store: str = "") -> dict:
    columns = customers.columns(tenant_id, ["rfm_class", *(("store",) if store else ())])
    classes = columns["rfm_class"][columns["store"] == store] if store else columns["rfm_class"]
    counts = np.bincount(classes.astype(np.int64), minlength=len(CLASS_LABELS))
    return {"total": int(counts.sum()),
            "classes": [{"name": name, "count": int(count)} for name, count in zip(CLASS_LABELS, counts.tolist())]}


def export(tenant_id: str, actor: str = "", mobile_visible: bool = True, order: str = "asc", **filters) -> dict:
    """The filtered list as xlsx in the data bucket, handed out as a short-lived link; a job to poll instead
    when the tenant has more customers than one answer can carry."""
    _check_sort(filters.get("sort", "customer_code"), order)
    if jobs.too_large(customers.count(tenant_id)):
        return jobs.start(tenant_id, actor, "customers", {"filters": filters, "order": order}, "", mobile_visible)
    key = f"exports/{tenant_id}/{secrets.token_hex(8)}.xlsx"
    filename, count = write_export(tenant_id, actor, key, mobile_visible, order, **filters)
    return {"url": objects.presigned_get(config.data_bucket(), key, filename=filename), "filename": filename,
            "count": count}


def write_export(tenant_id: str, actor: str, key: str, mobile_visible: bool = True, order: str = "asc",
                 report=None, **filters) -> tuple[str, int]:
    """Write the filtered list to `key` in the data bucket, its rows made batch by batch; (file name, customers)."""
    columns, chosen = _chosen(tenant_id, order_=order, extra=VIEW_COLUMNS, **filters)
    if len(chosen) > JOB_MAX_ROWS:
        raise ValidationFailed(f"一次最多导出 {JOB_MAX_ROWS:,} 位客户（Excel 一张表的上限），请先用筛选条件缩小范围")
    starts = range(0, len(chosen), EXPORT_BATCH_ROWS)

    def rows():
        for number, start in enumerate(starts):
            yield from views(columns, chosen[start:start + EXPORT_BATCH_ROWS], mobile_visible)
            if report:
                report(percent(number + 1, len(starts)))

    objects.write(config.data_bucket(), key, customers_export(rows()), XLSX_CONTENT_TYPE)
    audit_log.record_tenant(tenant_id, actor, "导出客户列表", f"{len(chosen)} 位客户")
    return "客户列表.xlsx", len(chosen)
