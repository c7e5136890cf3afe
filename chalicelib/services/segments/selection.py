"""Who rules pick today: the customer table's columns, R/F/M of the analysis in force and the classes
of the analyses `moved` conditions compare — read fresh on every use, so a segment follows the data."""
from dataclasses import dataclass
from typing import Any

import numpy as np

from chalicelib.adapters import analysis_store, customers
from chalicelib.adapters.analysis_store import ResultStore
from chalicelib.domain.cleaning.dates import china_today
from chalicelib.domain.customer_columns import day_number
from chalicelib.domain.segments import Context, Group, evaluate, named_analyses, needed_columns, needs_measures
from chalicelib.domain.segments.masks import MEASURES, NO_PURCHASE_POSITION
from chalicelib.services.analyses import saved


@dataclass(frozen=True)
class Selection:
    columns: Any  # CustomerColumns: column name -> array
    rows: np.ndarray  # picked rows, ascending (customer_code order)
    in_scope: int  # customers the caller may see (its store's, or all)
    context: Context


def select(tenant_id: str, rules: Group, store: str = "", columns=(), with_measures: bool = False) -> Selection:
    """The rows `rules` pick, limited to `store` when given; `columns` are read besides what the rules need."""
    table, context, scope = prepare(tenant_id, [rules], store, columns, with_measures)
    return Selection(table, np.flatnonzero(evaluate(rules, table, context) & scope), int(scope.sum()), context)


def prepare(tenant_id: str, rule_sets: list[Group], store: str = "", columns=(), with_measures: bool = False, *,
            customers=customers):
    """(columns, context, rows in the caller's scope) for evaluating each of `rule_sets`, read once."""
    needed = set(columns) | ({"store"} if store else set())
    for rules in rule_sets:
        needed |= needed_columns(rules)
    table = customers.columns(tenant_id, needed)
    context = context_for(tenant_id, table, set().union(*map(named_analyses, rule_sets)),
                          with_measures or any(map(needs_measures, rule_sets)))
    scope = table["store"] == store if store else np.ones(len(table), dtype=bool)
    return table, context, scope


def context_for(tenant_id: str, table, analysis_ids: set[str], with_measures: bool) -> Context:
    """Today (China date), R/F/M aligned to the table's rows when asked, and the move positions of the named
    analyses that still exist (a missing one makes its condition raise SegmentStale)."""
    # Decoding a million codes costs more than most counts: only for rules that join analysis results.
    codes = table["customer_code"] if with_measures or analysis_ids else np.empty(0, dtype=str)
    measures = None
    if with_measures:
        current = saved.current_id(tenant_id)
        frame = ResultStore(tenant_id).read(current) if current else None
        measures = _measures(codes, frame) if frame is not None else None
    positions = {}
    for analysis_id in analysis_ids:
        header = analysis_store.get_header(tenant_id, analysis_id)
        frame = ResultStore(tenant_id).read(analysis_id) if header and header["status"] == "saved" else None
        if frame is not None:
            at, found = _aligned(codes, frame["customer_code"].to_numpy(str))
            position = np.full(len(codes), NO_PURCHASE_POSITION, dtype=np.int8)
            position[at[found]] = frame["rfm_class"].to_numpy(np.int8)[found]
            positions[analysis_id] = position
    return Context(day_number(china_today().isoformat()), measures, positions)


def _measures(codes: np.ndarray, frame) -> dict:
    at, found = _aligned(codes, frame["customer_code"].to_numpy(str))
    source = {**{name: frame[name] for name in MEASURES if name != "monetary_fen"}, "monetary_fen": frame["monetary"]}
    measures = {}
    for name in MEASURES:
        values = np.zeros(len(codes), dtype=np.float64 if name == "monetary_fen" else np.int32)
        values[at[found]] = source[name].to_numpy()[found]
        measures[name] = values  # rows absent from the analysis keep r_score 0: no R/F/M
    return measures


def _aligned(codes: np.ndarray, result_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row of each result code in the sorted `codes`, and whether the customer is there at all."""
    at = np.searchsorted(codes, result_codes)
    clipped = np.minimum(at, max(len(codes) - 1, 0))
    found = (at < len(codes)) & (codes[clipped] == result_codes) if len(codes) else np.zeros(len(at), dtype=bool)
    return clipped, found
