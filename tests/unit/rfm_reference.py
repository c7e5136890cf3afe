"""An independent RFM reference: plain loops over the rows, written without the engine's numpy tricks."""
import statistics
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
TABLE = {  # (R high, F high, M high) -> class, exactly the SPEC table
    (True, True, True): "重要价值客户", (True, False, True): "重要发展客户",
    (False, True, True): "重要保持客户", (False, False, True): "重要挽留客户",
    (True, True, False): "一般价值客户", (True, False, False): "一般发展客户",
    (False, True, False): "一般保持客户", (False, False, False): "一般挽留客户",
}
TOLERANCE = 1e-6


def china_date(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, CHINA).date()


def reference(orders, start: date, end: date, m_mode="avg", threshold="mean") -> dict:
    """customer_code -> {recency_days, frequency, monetary, r_score, f_score, m_score, rfm_class}."""
    per = {}
    for code, epoch, amount in orders:
        day = china_date(epoch)
        if day < start or day > end:
            continue
        entry = per.setdefault(code, {"last": None, "count": 0, "net": 0})
        entry["net"] += amount
        if amount > 0:
            entry["count"] += 1
            if entry["last"] is None or day > entry["last"]:
                entry["last"] = day
    rows = {}
    for code, entry in per.items():
        if entry["count"] == 0:
            continue
        monetary = entry["net"] / entry["count"] if m_mode == "avg" else float(entry["net"])
        rows[code] = {"recency_days": (end - entry["last"]).days, "frequency": entry["count"], "monetary": monetary}
    if not rows:
        return {}
    for measure, better_high, name in (("recency_days", False, "r_score"), ("frequency", True, "f_score"),
                                       ("monetary", True, "m_score")):
        scores = reference_scores([row[measure] for row in rows.values()], better_high)
        for row, value in zip(rows.values(), scores):
            row[name] = value
    limits = reference_thresholds(list(rows.values()), threshold)
    for row in rows.values():
        key = (limits[0] is not None and row["recency_days"] <= limits[0] + TOLERANCE,
               limits[1] is not None and row["frequency"] >= limits[1] - TOLERANCE,
               limits[2] is not None and row["monetary"] >= limits[2] - TOLERANCE)
        row["rfm_class"] = TABLE[key]
    return rows


def reference_scores(values: list, higher_is_better: bool) -> list[int]:
    """Walk the distinct values worst first; a score closes when the scored customers reach its fifths."""
    n = len(values)
    distinct = sorted(set(values), reverse=not higher_is_better)
    score_of, seen, score = {}, 0, 1
    for value in distinct:
        score_of[value] = score
        seen += sum(1 for v in values if v == value)
        if score < 5 and seen * 5 >= score * n:
            score += 1
    return [score_of[v] for v in values]


def reference_thresholds(rows: list[dict], method: str) -> tuple:
    measures = ("recency_days", "frequency", "monetary")
    if method == "mean":
        return tuple(statistics.fmean(row[m] for row in rows) for m in measures)
    if method == "median":
        return tuple(statistics.median(row[m] for row in rows) for m in measures)
    found = []
    for measure, score, pick in (("recency_days", "r_score", max), ("frequency", "f_score", min),
                                 ("monetary", "m_score", min)):
        chosen = [row[measure] for row in rows if row[score] >= 3]
        found.append(pick(chosen) if chosen else None)
    return tuple(found)
