"""Rules over the customer columns: a boolean per row, AND/OR over the conditions' masks.

An empty `all` group is everyone (no condition left unmet), an empty `any` group no one.
"""
from collections.abc import Mapping

import numpy as np

from chalicelib.domain.segments import auto_tags
from chalicelib.domain.segments.masks import COLUMN_OF, MEASURE_OF, Context, condition_mask, stored
from chalicelib.domain.segments.rules import Condition, Group, conditions


def evaluate(rules: Group, cols: Mapping, context: Context) -> np.ndarray:
    """True per row (customer) that the rules select."""
    return _group(rules, cols, context, len(stored(cols, "customer_code")))


def _group(group: Group, cols: Mapping, context: Context, rows: int) -> np.ndarray:
    combined = np.full(rows, group.kind == "all")
    for item in group.items:
        mask = _group(item, cols, context, rows) if isinstance(item, Group) else _condition(item, cols, context, rows)
        combined = combined & mask if group.kind == "all" else combined | mask
    return combined


def _condition(condition: Condition, cols: Mapping, context: Context, rows: int) -> np.ndarray:
    if condition.field != "tags":
        return condition_mask(condition, cols, context, rows)
    held = [_has_tag(name, condition, cols, context, rows) for name in condition.value]
    if condition.op == "contains_all":
        return np.logical_and.reduce(held)
    anyone = np.logical_or.reduce(held)
    return anyone if condition.op == "contains_any" else ~anyone


def _has_tag(name: str, condition: Condition, cols: Mapping, context: Context, rows: int) -> np.ndarray:
    manual = cols["tags"].has(name, rows)
    automatic = auto_tags.condition_of(name, context.today, condition.path)
    return manual | condition_mask(automatic, cols, context, rows) if automatic else manual


def needed_columns(rules: Group) -> set[str]:
    """The customer table columns the rules read (customer_code is always read)."""
    needed = set()
    for condition in conditions(rules):
        if condition.field == "tags":
            needed.add("tags")
            if any(auto_tags.condition_of(name, 0) for name in condition.value):
                needed.update(auto_tags.COLUMNS)
        elif condition.field in COLUMN_OF:
            needed.add(COLUMN_OF[condition.field])
    return needed


def needs_measures(rules: Group) -> bool:
    """Whether the rules read R/F/M of the analysis in force."""
    return any(condition.field in MEASURE_OF for condition in conditions(rules))


def named_analyses(rules: Group) -> set[str]:
    """The analyses `moved` conditions compare."""
    return {analysis for condition in conditions(rules) if condition.field == "moved"
            for analysis in (condition.value.from_analysis, condition.value.to_analysis)}
