"""Order rows: every cell checked, vectorised (a file can hold a million orders)."""
from datetime import date

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.dates import CHINA, parse_times
from chalicelib.domain.cleaning.issues import any_problem, collect_issues
from chalicelib.domain.cleaning.numbers import parse_amounts
from chalicelib.domain.cleaning.text import CODE_MAX_LENGTH, first_occurrences, parse_text
from chalicelib.domain.import_spec import ORDER_COLUMNS
from chalicelib.domain.table import RawTable, RowIssue, Validated

EARLIEST, LATEST = date(1990, 1, 1), date(2099, 12, 31)
CHINA_OFFSET_SECONDS = int(CHINA.utcoffset(None).total_seconds())
FIELDS = tuple(column.field for column in ORDER_COLUMNS)
LABELS = {column.field: column.header for column in ORDER_COLUMNS}


def validate_orders(table: RawTable) -> Validated:
    """Clean orders (ordered_at as UTC epoch seconds, amount in fen); repeats inside the file skipped."""
    order_id, id_problems = parse_text(table.column("order_id"), LABELS["order_id"], CODE_MAX_LENGTH, True)
    customer, code_problems = parse_text(
        table.column("customer_code"), LABELS["customer_code"], CODE_MAX_LENGTH, True)
    wall, time_problems = parse_times(table.column("ordered_at"), LABELS["ordered_at"], EARLIEST, LATEST,
                                      "2026-03-01 14:05", required=True)
    fen, amount_problems = parse_amounts(table.column("amount"), LABELS["amount"])
    checks = [(table.headers["order_id"], id_problems), (table.headers["customer_code"], code_problems),
              (table.headers["ordered_at"], time_problems), (table.headers["amount"], amount_problems)]
    rows = table.row_numbers
    repeated, first = first_occurrences(order_id)
    repeated &= ~any_problem(id_problems, size=len(rows))  # an unusable ID is an error, not a repeat
    keep = ~repeated & ~any_problem(*(problems for _, problems in checks), size=len(rows))
    frame = pd.DataFrame({
        "order_id": order_id[keep], "customer_code": customer[keep],
        "ordered_at": wall[keep].astype(np.int64) - CHINA_OFFSET_SECONDS,
        "amount_fen": fen[keep], "row": rows[keep]}, copy=False)
    return Validated(frame, FIELDS, collect_issues(checks, rows), _skipped(table, repeated, first))


def _skipped(table: RawTable, repeated: np.ndarray, first: np.ndarray) -> list[RowIssue]:
    header, rows = table.headers["order_id"], table.row_numbers
    label = LABELS["order_id"]
    return [RowIssue(int(rows[p]), header, f"{label}与第 {int(rows[first[p]])} 行重复，已跳过")
            for p in np.flatnonzero(repeated)]
