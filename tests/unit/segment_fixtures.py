"""Customers for segment tests, as the reference reads them and as columns the evaluator reads."""
from datetime import date

import numpy as np

from chalicelib.domain.customer_columns import MISSING_DAY, TagLists
from chalicelib.domain.rfm_classes import CLASS_LABELS
from chalicelib.domain.segments import Context
from tests.unit.segment_reference import MOVE_ORDER

TODAY = date(2024, 6, 15)
MEASURES = ("recency_days", "frequency", "monetary_fen", "r_score", "f_score", "m_score")


def customer(code: str = "C1", **fields) -> dict:
    """A reference customer: blank unless given."""
    base = {"customer_code": code, "rfm_class": "未分析", "birthday": None, "first_order": None, "last_order": None,
            "order_count": 0, "total_fen": 0, "store": "", "gender": "", "region": "", "mobile": "",
            "sms_consent": False, "tags": [], "measures": None, "classes": {}}
    return {**base, **fields}


def _days(values) -> np.ndarray:
    epoch = date(1970, 1, 1)
    return np.array([MISSING_DAY if v is None else (v - epoch).days for v in values], dtype=np.int32)


def columns(customers: list[dict]) -> dict:
    """The contract's columns (customer_table) of these customers, in the given order."""
    text = lambda name: np.array([c[name] for c in customers], dtype=str)  # noqa: E731
    return {"customer_code": text("customer_code"), "store": text("store"), "gender": text("gender"),
            "region": text("region"), "mobile": text("mobile"),
            "rfm_class": np.array([CLASS_LABELS.index(c["rfm_class"]) for c in customers], dtype=np.int8),
            "birthday": _days(c["birthday"] for c in customers),
            "first_order_day": _days(c["first_order"] for c in customers),
            "last_order_day": _days(c["last_order"] for c in customers),
            "order_count": np.array([c["order_count"] for c in customers], dtype=np.int32),
            "total_fen": np.array([c["total_fen"] for c in customers], dtype=np.int64),
            "sms_consent": np.array([c["sms_consent"] for c in customers], dtype=bool),
            "tags": TagLists.of([c["tags"] for c in customers])}


def context(customers: list[dict], today: date = TODAY, analyses=("A1", "A2")) -> Context:
    """R/F/M from each customer's `measures`; move positions of every analysis named."""
    measures = {name: np.array([(c["measures"] or {}).get(name, 0) for c in customers],
                               dtype=np.float64 if name == "monetary_fen" else np.int32) for name in MEASURES}
    positions = {a: np.array([MOVE_ORDER.index(c["classes"].get(a, "无购买")) for c in customers], dtype=np.int8)
                 for a in analyses}
    return Context((today - date(1970, 1, 1)).days, measures, positions)
