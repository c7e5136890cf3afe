"""人群圈选: the segment rule language — parse and check the JSON, then select customers over columns."""
from chalicelib.domain.segments.evaluate import evaluate, named_analyses, needed_columns, needs_measures
from chalicelib.domain.segments.masks import Context
from chalicelib.domain.segments.rules import Condition, Group, parse_rules

__all__ = ["Condition", "Context", "Group", "evaluate", "named_analyses", "needed_columns", "needs_measures",
           "parse_rules"]
