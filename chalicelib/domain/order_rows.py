"""Order rows: every cell checked, vectorised (a file can hold a million orders)."""
from datetime import date

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.dates import CHINA, china_today, parse_times
from chalicelib.domain.cleaning.issues import any_problem, collect_issues
from chalicelib.domain.cleaning.numbers import parse_amounts
from chalicelib.domain.cleaning.text import CODE_MAX_LENGTH, echo, first_occurrences, parse_text
from chalicelib.domain.import_spec import ORDER_COLUMNS
from chalicelib.domain.table import RawTable, RowIssue, Validated
from chalicelib.domain.table_reader.packed_table import packed_column

EARLIEST = date(1990, 1, 1)
CHINA_OFFSET_SECONDS = int(CHINA.utcoffset(None).total_seconds())
FIELDS = tuple(column.field for column in ORDER_COLUMNS)
REQUIRED = tuple(column.field for column in ORDER_COLUMNS if column.required)
STORE_MAX_LENGTH = 50
LABELS = {column.field: column.header for column in ORDER_COLUMNS}


def validate_orders(table: RawTable, today: date | None = None) -> Validated:
    """Clean orders (ordered_at as UTC epoch seconds, amount in fen); repeats inside the file skipped. An order
    dated after today (China time) is a row error: it would make its customer's recency negative."""
    packed = {name: packed_column(table, name) for name in REQUIRED}  # a plain CSV's bytes: faster paths
    order_id, id_problems = parse_text(table.column("order_id"), LABELS["order_id"], CODE_MAX_LENGTH, True,
                                       packed["order_id"])
    customer, code_problems = parse_text(
        table.column("customer_code"), LABELS["customer_code"], CODE_MAX_LENGTH, True, packed["customer_code"])
    wall, time_problems = parse_times(_text_if_needed(table, "ordered_at", packed), LABELS["ordered_at"], EARLIEST,
                                      today or china_today(), "2026-03-01 14:05", required=True, packed=packed["ordered_at"])
    fen, amount_problems = parse_amounts(_text_if_needed(table, "amount", packed), LABELS["amount"], packed["amount"])
    store, store_problems = _stores(table)
    checks = [(table.headers[name], LABELS[name], problems) for name, problems in (
        ("order_id", id_problems), ("customer_code", code_problems), ("ordered_at", time_problems),
        ("amount", amount_problems), ("store", store_problems)) if name in table.headers]
    rows = table.row_numbers
    repeated, first = first_occurrences(order_id, packed["order_id"])
    repeated &= ~any_problem(id_problems, size=len(rows))  # an unusable ID is an error, not a repeat
    keep = ~repeated & ~any_problem(*(problems for *_, problems in checks), size=len(rows))
    keep = slice(None) if keep.all() else keep  # views, not copies, for a clean file
    frame = pd.DataFrame({
        "order_id": order_id[keep], "customer_code": customer[keep],
        "ordered_at": wall[keep].view(np.int64) - CHINA_OFFSET_SECONDS,
        "amount_fen": fen[keep], "row": rows[keep]} | ({"store": store[keep]} if store is not None else {}),
        copy=False)
    fields = tuple(name for name in FIELDS if name in table.headers)  # store is optional
    return Validated(frame, fields, collect_issues(checks, rows, echo(table)), _skipped(table, repeated, first))


def _stores(table: RawTable):
    """The optional store column: (names, problems), or (None, {}) when the file has none."""
    if "store" not in table.headers:
        return None, {}
    return parse_text(table.column("store"), LABELS["store"], STORE_MAX_LENGTH, packed=packed_column(table, "store"))


def _text_if_needed(table: RawTable, name: str, packed: dict):
    """The column's cells, or None when its bytes are enough (the parsers decode what they must)."""
    return None if packed[name] is not None else table.column(name)


def _skipped(table: RawTable, repeated: np.ndarray, first: np.ndarray) -> list[RowIssue]:
    header, rows = table.headers["order_id"], table.row_numbers
    label = LABELS["order_id"]
    return [RowIssue(int(rows[p]), header, f"{label}与第 {int(rows[first[p]])} 行重复，已跳过")
            for p in np.flatnonzero(repeated)]
