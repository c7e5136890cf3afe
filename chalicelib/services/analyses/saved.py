"""Saved analyses: list, open, delete, set as current, their customers page by page, and why a customer is in its class."""
import numpy as np
import pandas as pd

from chalicelib.adapters import analysis_store, audit_log
from chalicelib.adapters import customers as customer_repository  # `customers` is a function here
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.clock import now_iso
from chalicelib.domain.rfm.classify import Thresholds
from chalicelib.domain.rfm.explain import Customer, explain
from chalicelib.domain.rfm.in_force import in_force
from chalicelib.domain.rfm.summary import among, figures
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.errors import NotFound, ValidationFailed
from chalicelib.services import customer_names, stores
from chalicelib.services.analyses import class_update
from chalicelib.services.analyses.view import audit_detail, public, yuan
from chalicelib.services.data_state import changed_since, data_state
from chalicelib.services.paging import page_bounds

CUSTOMER_SORTS = ("customer_code", "recency_days", "frequency", "monetary")
MEASURE_LABELS = {"R": "最近一次消费距今（天）", "F": "消费次数", "M": "消费金额"}


def list_analyses(tenant_id: str, page: int = 1, size: int = 20) -> dict:
    page, size, rows = page_bounds(page, size)
    headers = analysis_store.saved_headers(tenant_id)
    current, now = in_force(headers), data_state(tenant_id) if headers else None
    items = [described(h, current, now, with_grid=False) for h in headers[rows]]
    in_force_view = next((described(h, current, now, with_grid=False) for h in headers if h["analysis_id"] == current),
                         None)
    return {"items": items, "total": len(headers), "page": page, "size": size, "current_id": current,
            "current_analysis": in_force_view}


def described(header: dict, current_id: str | None, data_now: dict | None, with_grid: bool = True) -> dict:
    """An analysis as the API shows it, with whether it is the one in force and whether the data changed since."""
    return {**public(header, with_grid), "current": header["analysis_id"] == current_id,
            "data_changed": changed_since(header["summary"].get("data"), data_now)}


def saved_header(tenant_id: str, analysis_id: str) -> dict:
    header = analysis_store.get_header(tenant_id, analysis_id)
    if header is None or header["status"] != "saved":
        raise NotFound("这次分析不存在或已被删除", code="ANALYSIS_NOT_FOUND")
    return header


def get(tenant_id: str, analysis_id: str, store: str = "") -> dict:
    """One analysis; with `store`, its figures over that store's customers."""
    header = analysis_store.get_header(tenant_id, analysis_id)
    if header is None:
        raise NotFound("这次分析不存在、已被删除，或预览已过期", code="ANALYSIS_NOT_FOUND")
    if store:
        preview = header["status"] != "saved"
        header = store_header(header, results(tenant_id, analysis_id, preview), store, stores.members(tenant_id, store))
    headers = analysis_store.saved_headers(tenant_id)
    return {**described(header, in_force(headers), data_state(tenant_id)),
            "previous_id": previous_id(tenant_id, header, headers)}


def previous_id(tenant_id: str, header: dict, headers: list[dict] | None = None) -> str | None:
    """The saved analysis before this one: the next older window end (or the same end, saved earlier)."""
    key = (header["end"], header["saved_at"] or "~")
    headers = analysis_store.saved_headers(tenant_id) if headers is None else headers
    older = [h for h in headers if (h["end"], h["saved_at"] or "") < key and h["analysis_id"] != header["analysis_id"]]
    return older[0]["analysis_id"] if older else None


def current_id(tenant_id: str) -> str | None:
    """The saved analysis in force: the customers' current classes come (or are being brought) from it."""
    return in_force(analysis_store.saved_headers(tenant_id))


def current(tenant_id: str) -> dict | None:
    """The analysis in force as the API shows it (no grid), or None before any is saved."""
    headers = analysis_store.saved_headers(tenant_id)
    chosen = in_force(headers)
    header = next((h for h in headers if h["analysis_id"] == chosen), None)
    return described(header, chosen, data_state(tenant_id), with_grid=False) if header else None


def set_current(tenant_id: str, analysis_id: str, actor: str) -> dict:
    """设为当前分类: the customers' classes then come from this analysis (updated by the worker)."""
    header = saved_header(tenant_id, analysis_id)
    if current_id(tenant_id) != analysis_id:
        # microseconds: the pin is compared with saves (domain/rfm/in_force.py), also made to the microsecond
        if not analysis_store.pin(tenant_id, analysis_id, now_iso("microseconds"), class_update.PENDING):
            raise NotFound("这次分析不存在或已被删除", code="ANALYSIS_NOT_FOUND")
        class_update.queue(tenant_id, analysis_id)
        audit_log.record_tenant(tenant_id, actor, "设为当前分类", audit_detail(header))
    return get(tenant_id, analysis_id)


def delete(tenant_id: str, analysis_id: str, actor: str) -> dict:
    """Delete a saved analysis; if it was in force, the worker moves the classes to the next one by the rule."""
    header = saved_header(tenant_id, analysis_id)
    analysis_store.delete_header(tenant_id, analysis_id)
    ResultStore(tenant_id).delete(analysis_id)
    class_update.queue(tenant_id, analysis_id)
    audit_log.record_tenant(tenant_id, actor, "删除客户分析", audit_detail(header))
    return {"analysis_id": analysis_id, "deleted": True}


def store_header(header: dict, frame: pd.DataFrame, store: str, codes) -> dict:
    """The header as one store sees it: figures over the store's customers, the analysis's own thresholds."""
    summary = {**header["summary"], **figures(among(frame, codes), len(codes))}
    return {**header, "summary": summary, "store": store, "store_note": stores.note(store, len(codes))}


def results(tenant_id: str, analysis_id: str, preview: bool = False) -> pd.DataFrame:
    frame = ResultStore(tenant_id).read(analysis_id, preview)
    if frame is None:
        raise NotFound("这次分析的客户明细不存在或已被删除", code="ANALYSIS_NOT_FOUND")
    return frame


# Many arguments, by design: the list route's filters.
def customers(tenant_id: str, analysis_id: str, page: int = 1, size: int = 20, rfm_class: str = "", q: str = "",  # noqa: PLR0913
              sort: str = "", order: str = "asc", store: str = "") -> dict:
    saved_header(tenant_id, analysis_id)
    page, size, rows = page_bounds(page, size)
    frame = results(tenant_id, analysis_id)
    if store:
        frame = among(frame, stores.members(tenant_id, store))
    names = None
    if rfm_class:
        if rfm_class not in CLASS_NAMES:
            raise ValidationFailed(f"客户类别只能是：{'、'.join(CLASS_NAMES)}")
        frame = frame[frame["rfm_class"] == CLASS_NAMES.index(rfm_class)]
    if q.strip():
        names = customer_names.names(tenant_id)
        frame = frame[_matches(frame["customer_code"], names, q.strip().lower())]
    frame = _sorted(frame, sort, order)
    chosen = frame.iloc[rows]
    names = names or names_of(tenant_id, chosen["customer_code"].tolist())
    return {"items": [_row(row, names) for row in chosen.to_dict("records")], "total": len(frame), "page": page,
            "size": size}


def explanation(tenant_id: str, analysis_id: str, customer_code: str, store: str = "") -> dict:
    header = saved_header(tenant_id, analysis_id)
    if store and customer_code not in stores.members(tenant_id, store):
        raise NotFound("没有找到这位客户", code="CUSTOMER_NOT_FOUND")
    frame = results(tenant_id, analysis_id)
    found = frame[frame["customer_code"] == customer_code]
    if found.empty:
        raise NotFound("这位客户在本次分析的时间范围内没有消费，未参与分类", code="CUSTOMER_NOT_ANALYSED")
    row = found.iloc[0].to_dict()
    return {**_row(row, names_of(tenant_id, [customer_code])), "analysis_id": analysis_id, **explained(header, row)}


def explained(header: dict, row: dict) -> dict:
    """Why the customer of result `row` is in its class under analysis `header`, and what would move it up."""
    limits = Thresholds(**header["summary"]["thresholds"])
    customer = Customer(int(row["recency_days"]), int(row["frequency"]), float(row["monetary"]), int(row["net_fen"]),
                        header["m_mode"])
    reasons = explain(customer, limits)
    return {"net_amount": yuan(row["net_fen"]), "checks": [_check(check) for check in reasons["checks"]],
            "steps": reasons["steps"], "warning": reasons["warning"]}


def _check(check: dict) -> dict:
    measure, value, threshold, high = check["measure"], check["value"], check["threshold"], check["high"]
    if measure == "M":
        value, threshold = yuan(value), yuan(threshold)
    unit = {"R": " 天", "F": " 次", "M": " 元"}[measure]
    if threshold is None:
        text = "没有客户达到 3 分，本项均判为低"
    else:
        sign = ("≤" if high else ">") if measure == "R" else ("≥" if high else "<")
        text = f"{_number(value)}{unit} {sign} 阈值 {_number(threshold)}{unit}，判为{'高' if high else '低'}"
    return {"measure": measure, "label": MEASURE_LABELS[measure], "value": value, "threshold": threshold,
            "high": high, "text": text}


def _number(value) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def _matches(codes: pd.Series, names: dict, needle: str) -> np.ndarray:
    return np.array([needle in code.lower() or needle in (names.get(code) or "").lower() for code in codes],
                    dtype=bool)


def _sorted(frame: pd.DataFrame, sort: str, order: str) -> pd.DataFrame:
    if sort and sort not in CUSTOMER_SORTS:
        raise ValidationFailed(f"排序字段只能是 {'、'.join(CUSTOMER_SORTS)}")
    if not sort:
        return frame.sort_values(["rfm_class", "customer_code"], kind="stable")
    return frame.sort_values([sort, "customer_code"], ascending=[order != "desc", True], kind="stable")


def names_of(tenant_id: str, codes: list[str]) -> dict:
    """customer_code -> name, for one page of customers."""
    return {code: customer["name"] for code, customer in customer_repository.get_many(tenant_id, codes).items()}


def _row(row: dict, names: dict) -> dict:
    return {"customer_code": row["customer_code"], "name": names.get(row["customer_code"], ""),
            "recency_days": int(row["recency_days"]), "frequency": int(row["frequency"]),
            "monetary": yuan(row["monetary"]), "r_score": int(row["r_score"]), "f_score": int(row["f_score"]),
            "m_score": int(row["m_score"]), "rfm_class": CLASS_NAMES[int(row["rfm_class"])]}
