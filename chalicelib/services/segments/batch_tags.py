"""批量打标签: add or remove manual tags on the customers picked by codes, a list filter or a segment.

Two steps, so nobody changes 100,000 customers by mistake: without `confirm_count` the answer is how
many customers would change; with it, the change is applied only if that count still holds. The
tags are written (adapters/customers.py set_tags) under the tenant's import lease, as every
customer writer's are.
"""
import secrets

import numpy as np

from chalicelib.adapters import audit_log, customers
from chalicelib.clock import now_iso
from chalicelib.domain.cleaning.people import MAX_TAGS
from chalicelib.domain.customer_list import matching, needed_columns
from chalicelib.domain.schemas import CustomerFilter, parse
from chalicelib.domain.segments import evaluate, parse_rules
from chalicelib.domain.segments.requests import TagBatchRequest
from chalicelib.domain.segments.tag_batch import changed_rows, tag_counts, with_changes
from chalicelib.errors import Conflict, ValidationFailed
from chalicelib.services.imports.lease import ImportBusy, tenant_lease
from chalicelib.services.segments import saved
from chalicelib.services.segments.selection import prepare

SHOWN_CODES = 5
FILTERS = ("q", "class", "tag", "store")


def change_tags(tenant_id: str, actor: str, request: TagBatchRequest, store: str = "", *,
                customers=customers) -> dict:
    """{count} of customers that would change; with the matching confirm_count, applies and gives {changed}."""
    rules = parse_rules(saved.saved(tenant_id, request.segment_id)["rules"]) if request.segment_id else None
    if request.confirm_count is None:
        return {"count": len(_changing(tenant_id, request, rules, store, customers)[1])}
    try:
        with tenant_lease(tenant_id, f"tags-{secrets.token_hex(6)}"):
            changed = apply_changes(tenant_id, request, rules, store, customers=customers)
    except ImportBusy:
        raise Conflict("该企业有数据导入正在进行，请稍后再试", code="IMPORT_BUSY") from None
    audit_log.record_tenant(tenant_id, actor, "批量修改标签", _describe(request, changed))
    return {"changed": changed}


def apply_changes(tenant_id: str, request: TagBatchRequest, rules, store: str = "", *, customers=customers) -> int:
    """Customers changed (COUNT_CHANGED unless confirm_count still holds); the caller holds the import lease."""
    columns, changing = _changing(tenant_id, request, rules, store, customers)  # read again under the lease
    if len(changing) != request.confirm_count:
        raise Conflict(f"符合条件的客户已变为 {len(changing):,} 位，请重新确认", [{"count": len(changing)}],
                       code="COUNT_CHANGED")
    if not len(changing):
        return 0
    total = len(columns)
    tags = with_changes(columns["tags"], changing, request.add, request.remove, total)
    _check_limit(columns["customer_code"], tag_counts(tags, total))
    customers.set_tags(tenant_id, columns, changing, tags, now_iso())
    return len(changing)


def _changing(tenant_id: str, request: TagBatchRequest, rules, store: str, customers):
    """(the columns read, rows the request would change)."""
    filters = _filter(request.filter) if request.filter is not None else {}
    table, context, scope = prepare(tenant_id, [rules] if rules else [], store,
                                    {"tags", "updated_at", *needed_columns(**filters)}, customers=customers)
    if rules is not None:
        picked = evaluate(rules, table, context)
    elif request.codes is not None:
        picked = np.isin(table["customer_code"], np.asarray(request.codes, dtype=str))
    else:
        picked = np.zeros(len(table), dtype=bool)
        picked[matching(table, **filters)] = True
    rows = np.flatnonzero(picked & scope)
    return table, changed_rows(table["tags"], rows, request.add, request.remove, len(table))


def _filter(values: dict) -> dict:
    """The customer list's filters, `class` as the list's query string names it."""
    values = {name: value for name, value in values.items() if name in FILTERS and value}
    if "class" in values:
        values["rfm_class"] = values.pop("class")
    return parse(CustomerFilter, values).model_dump(include={"q", "rfm_class", "tag", "store"})


def _check_limit(codes: np.ndarray, counts: np.ndarray) -> None:
    over = np.flatnonzero(counts > MAX_TAGS)
    if len(over):
        shown = "、".join(codes[over[:SHOWN_CODES]].tolist())
        raise ValidationFailed(f"有 {len(over):,} 位客户的标签将超过 {MAX_TAGS} 个（如 {shown}），请先移除部分标签",
                               code="TOO_MANY_TAGS")


def _describe(request: TagBatchRequest, changed: int) -> str:
    parts = [f"添加 {'、'.join(request.add)}" if request.add else "", f"移除 {'、'.join(request.remove)}"
             if request.remove else ""]
    return f"{'，'.join(p for p in parts if p)}：{changed:,} 位客户"
