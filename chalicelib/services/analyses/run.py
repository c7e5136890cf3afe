"""Running an analysis: read the tenant's orders, classify, keep the result as a preview or a saved snapshot."""
import secrets
import time

from chalicelib import config
from chalicelib.adapters import analysis_store, audit_log, customers
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.adapters.order_store import OrderStore
from chalicelib.clock import now_iso, time_id
from chalicelib.domain.rfm.engine import Analysis, NoPurchases, analyse
from chalicelib.domain.rfm.params import Params
from chalicelib.domain.rfm.summary import figures
from chalicelib.errors import NotFound, Unprocessable
from chalicelib.observability import add_metric
from chalicelib.services.analyses import class_update
from chalicelib.services.analyses.view import audit_detail, public
from chalicelib.services.billing import status as billing_status
from chalicelib.services.data_state import data_state
from chalicelib.services.stats import facts


def preview(tenant_id: str, params: Params, username: str) -> dict:
    """Analyse without saving: the result is kept for a day, for the user to save or drop."""
    billing_status.require_active(tenant_id, "进行客户分析")
    header, analysis = _run(tenant_id, params, username, "manual", time_id(secrets.token_hex(3)))
    ResultStore(tenant_id).write(header["analysis_id"], analysis.customers, preview=True)
    analysis_store.put_header(tenant_id, header, keep_seconds=config.PREVIEW_KEEP_SECONDS)
    return public(header)


def save(tenant_id: str, analysis_id: str, actor: str) -> dict:
    """Turn a preview into a snapshot; the worker then updates customers' classes if it is the one in force."""
    billing_status.require_active(tenant_id, "保存客户分析")
    header = analysis_store.get_header(tenant_id, analysis_id)
    if header is None:
        raise NotFound("这个分析预览已过期（预览保留 24 小时）或不存在，请重新预览后再保存", code="ANALYSIS_NOT_FOUND")
    if header["status"] != "saved":
        ResultStore(tenant_id).promote(analysis_id)  # idempotent: a parallel save promotes the same results
        if analysis_store.mark_saved(tenant_id, analysis_id, now_iso("microseconds"), class_update.PENDING):
            class_update.queue(tenant_id, analysis_id)  # the save that made it counts and audits it, once
            facts.analysis_saved(tenant_id)
            audit_log.record_tenant(tenant_id, actor, "保存客户分析", audit_detail(header))
        header = analysis_store.get_header(tenant_id, analysis_id) or header
    return public(header)


def run_and_save(tenant_id: str, params: Params, username: str, kind: str = "manual",
                 analysis_id: str | None = None) -> dict:
    """Analyse and save in one go (the monthly analysis); returns the snapshot's header."""
    header, analysis = _run(tenant_id, params, username, kind, analysis_id or time_id(secrets.token_hex(3)))
    ResultStore(tenant_id).write(header["analysis_id"], analysis.customers, preview=False)
    header.update(status="saved", saved_at=now_iso("microseconds"), class_update=class_update.PENDING)
    analysis_store.put_header(tenant_id, header)
    class_update.queue(tenant_id, header["analysis_id"])
    facts.analysis_saved(tenant_id)
    return header


def _run(tenant_id: str, params: Params, username: str, kind: str, analysis_id: str) -> tuple[dict, Analysis]:
    orders = OrderStore(tenant_id)
    seen = data_state(tenant_id)  # before reading: a change made while it runs shows as a change
    started = time.monotonic()
    try:
        analysis = analyse(orders.read_columns(params.first_second, params.last_second), params,
                           exclude=list(orders.parked()))
    except NoPurchases:
        raise _no_purchases(tenant_id, orders, params) from None
    add_metric("AnalysisSeconds", time.monotonic() - started, "Seconds")
    summary = {"thresholds": analysis.thresholds.as_dict(), **figures(analysis.customers, seen["customers"]),
               "data": seen}
    header = {"analysis_id": analysis_id, "kind": kind, "status": "preview", **params.as_dict(), "summary": summary,
              "created_at": now_iso(), "created_by": username, "saved_at": None, "class_update": None}
    return header, analysis


def _no_purchases(tenant_id: str, orders: OrderStore, params: Params) -> Unprocessable:
    stored = orders.count()
    customer_count = customers.code_count(tenant_id)
    if not stored:
        message = f"还没有订单数据（已有 {customer_count:,} 位客户），请先在「数据导入」导入订单，再进行分析"
    else:
        message = (f"{params.start} 至 {params.end} 之间没有已导入客户的消费记录（共有 {stored:,} 笔订单，都不在这段时间内），"
                   "请调整时间范围后重试")
    return Unprocessable(message, code="NO_PURCHASES")
