"""One RFM analysis from a window's orders: measures, scores, thresholds, classes and what they sum to."""
from dataclasses import dataclass

import pandas as pd

from chalicelib.domain.rfm import classify, summary
from chalicelib.domain.rfm.measures import measure
from chalicelib.domain.rfm.params import Params


class NoPurchases(ValueError):
    """No customer bought anything in the window: there is nothing to classify."""


@dataclass(frozen=True)
class Analysis:
    params: Params
    customers: pd.DataFrame  # customer_code, recency_days, frequency, monetary, net_fen, r/f/m_score, rfm_class
    thresholds: classify.Thresholds

    def classes(self) -> dict:
        return summary.class_table(self.customers)

    def grid(self) -> list[list[dict]]:
        return summary.grid(self.customers)


def analyse(orders, params: Params, exclude=()) -> Analysis:
    """Classify every customer with a purchase in the window; `exclude`: codes left out (parked orders).

    `orders`: OrderColumns, or a frame with customer_code, ordered_at and amount_fen.
    """
    scored = classify.score(measure(orders, params, exclude))
    if scored.empty:
        raise NoPurchases()
    limits = classify.thresholds(scored, params.threshold)
    scored["rfm_class"] = classify.class_index(scored["recency_days"].to_numpy(), scored["frequency"].to_numpy(),
                                               scored["monetary"].to_numpy(), limits)
    return Analysis(params, scored, limits)
