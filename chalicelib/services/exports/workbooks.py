"""The analysis report and the comparison workbook: built at once when small, else queued as an export job."""
from chalicelib.services.analyses import comparisons, report, saved
from chalicelib.services.exports import jobs


def analysis(tenant_id: str, analysis_id: str, store: str = "", actor: str = "") -> dict | tuple[bytes, str]:
    """(xlsx bytes, file name) of one saved analysis, or a queued job when it covers too many customers."""
    header = saved.saved_header(tenant_id, analysis_id)  # a preview or a deleted analysis: 404 now
    if jobs.too_large(_customers(header)):
        return jobs.start(tenant_id, actor, "analysis", {"analysis_id": analysis_id}, store)
    return report.analysis_workbook(tenant_id, analysis_id, store, actor)


def comparison(tenant_id: str, from_id: str, to_id: str, store: str = "", actor: str = "") -> dict | tuple[bytes, str]:
    """(xlsx bytes, file name) of the moves between two saved analyses, or a queued job when they are large."""
    comparisons.check_pair(from_id, to_id)
    sizes = [_customers(saved.saved_header(tenant_id, one)) for one in (from_id, to_id)]
    if jobs.too_large(max(sizes)):
        return jobs.start(tenant_id, actor, "comparison", {"from": from_id, "to": to_id}, store)
    return report.comparison_workbook(tenant_id, from_id, to_id, store, actor)


def _customers(header: dict) -> int:
    """The most rows a sheet of the workbook can hold: every customer the analysis saw."""
    summary = header.get("summary") or {}
    return int(summary.get("customers_total") or 0)
