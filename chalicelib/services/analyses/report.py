"""The Excel workbooks: one analysis as a report, and the movers between two analyses."""
from datetime import datetime

from chalicelib.adapters import audit_log
from chalicelib.domain.rfm.compare import POSITIONS, matrix
from chalicelib.domain.rfm.params import CHINA
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.domain.spreadsheet import Sheet, xlsx_bytes
from chalicelib.services import customer_names, stores
from chalicelib.services.analyses import comparisons, saved
from chalicelib.services.analyses.view import public, yuan

MONEY, SHARE = "0.00", "0.0%"
MOVER_HEADERS = ("客户编码", "客户名称", "上次类别", "本次类别", "上次 R（天）", "上次 F（次）", "上次 M（元）",
                 "本次 R（天）", "本次 F（次）", "本次 M（元）")
MOVER_FORMATS = (None, None, None, None, None, None, MONEY, None, None, MONEY)


def analysis_workbook(tenant_id: str, analysis_id: str, store: str = "", actor: str = "") -> tuple[bytes, str]:
    """(xlsx bytes, file name) of one saved analysis; with `store`, over that store's customers."""
    analysis = comparisons.side(tenant_id, analysis_id)  # a preview has no report: 404
    previous = saved.previous_id(tenant_id, analysis["header"])
    before = comparisons.side(tenant_id, previous) if previous else None
    if store:
        codes = stores.members(tenant_id, store)
        analysis = comparisons.store_side(analysis, store, codes)
        before = before and comparisons.store_side(before, store, codes)
    view = public(analysis["header"])
    names = _names(tenant_id)
    sheets = [_summary(view), _parameters(view), _classes(view), _grid(view), _customers(analysis["results"], names)]
    if before:
        sheets.append(_changes_since(before, analysis, names))
    params = view["params"]
    filename = f"RFM分析{_suffix(store)}_{params['start']}_{params['end']}.xlsx"
    _audit(tenant_id, actor, "导出分析报告", filename, len(analysis["results"]))
    return xlsx_bytes(sheets), filename


def comparison_workbook(tenant_id: str, from_id: str, to_id: str, store: str = "", actor: str = "") -> tuple[bytes, str]:
    before, after, moves = comparisons.pair(tenant_id, from_id, to_id, store)
    names = _names(tenant_id)
    counts = matrix(moves)
    grid = Sheet("迁移矩阵", ("上次 \\ 本次", *POSITIONS, "合计"),
                 [(POSITIONS[i], *row, sum(row)) for i, row in enumerate(counts)])
    sheets = [grid] + [Sheet(title, MOVER_HEADERS, _mover_rows(moves[moves["direction"] == step], before, after, names),
                             MOVER_FORMATS) for title, step in (("升级客户", -1), ("降级客户", 1))]
    filename = f"客户迁移{_suffix(store)}_{before['header']['end']}_{after['header']['end']}.xlsx"
    _audit(tenant_id, actor, "导出客户迁移", filename, len(moves))
    return xlsx_bytes(sheets), filename


def _audit(tenant_id: str, actor: str, action: str, filename: str, customers: int) -> None:
    """Exports carry customers: who took which file is kept in the tenant's audit log."""
    if actor:
        audit_log.record_tenant(tenant_id, actor, action, f"{filename}（{customers:,} 位客户）")


def _suffix(store: str) -> str:
    return f"_{store}" if store else ""


def _summary(view: dict) -> Sheet:
    rows = [("门店", view.get("store") or "全部门店"), ("分析方式", view["kind_label"]),
            ("时间范围", f"{view['params']['start']} 至 {view['params']['end']}"),
            ("参与分类的客户", view["customers_analysed"]), ("窗口内无购买的客户", view["no_purchase"]),
            ("客户总数", view["customers_total"]), ("窗口内消费笔数", view["orders_in_window"]),
            ("保存时间（北京时间）", _china_time(view["saved_at"])), ("操作人", view["created_by"])]
    return Sheet("摘要", ("项目", "内容"), rows)


def _parameters(view: dict) -> Sheet:
    limits = view["thresholds"]
    rows = [("M 口径", view["m_mode_label"]), ("阈值方法", view["threshold_label"]),
            ("R 阈值（天，≤ 为高）", _or_none(limits["recency_days"])), ("F 阈值（次，≥ 为高）", _or_none(limits["frequency"])),
            ("M 阈值（元，≥ 为高）", _or_none(limits["monetary"]))]
    return Sheet("参数与阈值", ("参数", "取值"), rows)


def _classes(view: dict) -> Sheet:
    rows = [(name, row["count"], row["share"], row["avg_recency_days"], row["avg_frequency"], row["avg_monetary"])
            for name, row in view["classes"].items()]
    rows.append(("窗口内无购买", view["no_purchase"], None, None, None, None))
    return Sheet("类别分布", ("客户类别", "客户数", "占比", "平均 R（天）", "平均 F（次）", "平均 M（元）"), rows,
                 (None, None, SHARE, "0.0", "0.00", MONEY))


def _grid(view: dict) -> Sheet:
    rows = [(f"R{r + 1}", f"F{f + 1}", cell["count"], cell["share"], cell["avg_monetary"])
            for r, row in enumerate(view["grid"]) for f, cell in enumerate(row)]
    return Sheet("RFM网格", ("R 评分", "F 评分", "客户数", "占比", "平均 M（元）"), rows, (None, None, None, SHARE, MONEY))


def _customers(results, names: dict) -> Sheet:
    columns = [results[name].tolist() for name in ("customer_code", "recency_days", "frequency", "monetary",
                                                   "r_score", "f_score", "m_score", "rfm_class")]
    rows = ((code, names.get(code, ""), r, f, yuan(m), rs, fs, ms, CLASS_NAMES[c])
            for code, r, f, m, rs, fs, ms, c in zip(*columns))
    return Sheet("客户明细", ("客户编码", "客户名称", "R（天）", "F（次）", "M（元）", "R 评分", "F 评分", "M 评分", "客户类别"),
                 rows, (None, None, None, None, MONEY))


def _changes_since(before: dict, after: dict, names: dict) -> Sheet:
    """Customers whose class changed since the previous analysis."""
    moves = comparisons.moves_between(before, after)
    return Sheet("变动客户", MOVER_HEADERS, _mover_rows(moves[moves["direction"] != 0], before, after, names),
                 MOVER_FORMATS)


def _mover_rows(moves, before: dict, after: dict, names: dict):
    for item in comparisons.describe(moves, before, after, names):
        was, now = item["from"] or {}, item["to"] or {}
        yield (item["customer_code"], item["name"], item["from_class"], item["to_class"],
               was.get("recency_days"), was.get("frequency"), was.get("monetary"),
               now.get("recency_days"), now.get("frequency"), now.get("monetary"))


def _names(tenant_id: str) -> dict:
    return customer_names.names(tenant_id)


def _china_time(value: str | None) -> str:
    """Stored UTC as people read it everywhere else: China time, to the minute."""
    return datetime.fromisoformat(value).astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if value else ""


def _or_none(value):
    return "无客户达到 3 分" if value is None else value
