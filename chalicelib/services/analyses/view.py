"""Analyses as the API shows them: money in yuan with two decimals, labels in Chinese."""
from chalicelib.domain.rfm.params import M_MODES, THRESHOLDS

KIND_LABELS = {"manual": "手动分析", "monthly": "每月自动"}
CLASS_UPDATE_LABELS = {"pending": "等待更新客户类别", "running": "正在更新客户类别", "done": "客户类别已更新",
                       "failed": "客户类别更新失败", "superseded": "未用于当前分类"}


def yuan(fen) -> float | None:
    return None if fen is None else round(float(fen) / 100, 2)


def audit_detail(header: dict) -> str:
    """How the audit log names an analysis: its window and id."""
    return f"{header['start']} 至 {header['end']}（{header['analysis_id']}）"


def public(header: dict, with_grid: bool = True) -> dict:
    summary = header["summary"]
    thresholds = dict(summary["thresholds"])
    thresholds["monetary"] = yuan(thresholds["monetary"])
    view = {
        "analysis_id": header["analysis_id"], "kind": header["kind"], "kind_label": KIND_LABELS[header["kind"]],
        "status": header["status"],
        "params": {name: header[name] for name in ("start", "end", "m_mode", "threshold")},
        "m_mode_label": M_MODES[header["m_mode"]], "threshold_label": THRESHOLDS[header["threshold"]],
        "thresholds": thresholds,
        "classes": {name: {**row, "avg_monetary": yuan(row["avg_monetary"])} for name, row in summary["classes"].items()},
        **{name: summary[name] for name in ("customers_analysed", "no_purchase", "customers_total", "orders_in_window")},
        "created_at": header["created_at"], "created_by": header["created_by"], "saved_at": header["saved_at"],
        "class_update": _class_update(header["class_update"]),
        **{name: header[name] for name in ("store", "store_note") if name in header},  # a store's view of it
    }
    if with_grid:
        view["grid"] = [[{**cell, "avg_monetary": yuan(cell["avg_monetary"])} for cell in row] for row in summary["grid"]]
    return view


def _class_update(update: dict | None) -> dict | None:
    if not update:
        return None
    return {**update, "changed": int(update.get("changed", 0)), "status_label": CLASS_UPDATE_LABELS[update["status"]]}
