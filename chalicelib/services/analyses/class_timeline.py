"""One customer's class across the saved analyses (oldest window first), and why it is in its current class."""
from chalicelib.adapters import analysis_store
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.domain.rfm.in_force import in_force
from chalicelib.domain.rfm_classes import CLASS_NAMES, NO_PURCHASE
from chalicelib.services.analyses.saved import explained
from chalicelib.services.analyses.view import KIND_LABELS, yuan


def timeline(tenant_id: str, code: str) -> tuple[list[dict], dict | None]:
    """(a step per saved analysis, oldest window first; the explanation under the analysis in force or None)."""
    headers = analysis_store.saved_headers(tenant_id)
    current = in_force(headers)
    results = ResultStore(tenant_id)
    steps, explanation = [], None
    for header in reversed(headers):
        row = _row_of(results, header["analysis_id"], code)
        steps.append(_step(header, row, header["analysis_id"] == current))
        if row is not None and header["analysis_id"] == current:
            explanation = {"analysis_id": current, "rfm_class": CLASS_NAMES[int(row["rfm_class"])],
                           **explained(header, row)}
    return steps, explanation


def _row_of(results: ResultStore, analysis_id: str, code: str) -> dict | None:
    frame = results.read(analysis_id)
    if frame is None:  # deleted while we read
        return None
    found = frame[frame["customer_code"] == code]
    return None if found.empty else found.iloc[0].to_dict()


def _step(header: dict, row: dict | None, current: bool) -> dict:
    step = {"analysis_id": header["analysis_id"], "start": header["start"], "end": header["end"],
            "label": f"{header['start']} 至 {header['end']}", "kind_label": KIND_LABELS[header["kind"]],
            "current": current, "rfm_class": NO_PURCHASE, "recency_days": None, "frequency": None, "monetary": None,
            "r_score": None, "f_score": None, "m_score": None}
    if row is not None:
        step.update(rfm_class=CLASS_NAMES[int(row["rfm_class"])], recency_days=int(row["recency_days"]),
                    frequency=int(row["frequency"]), monetary=yuan(row["monetary"]),
                    r_score=int(row["r_score"]), f_score=int(row["f_score"]), m_score=int(row["m_score"]))
    return step
