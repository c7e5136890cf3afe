"""Customer rows: only the columns present are cleaned; a code twice in the file is an error."""
from datetime import date

import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.dates import china_today, parse_times
from chalicelib.domain.cleaning.issues import any_problem, collect_issues
from chalicelib.domain.cleaning.numbers import parse_yes_no
from chalicelib.domain.cleaning.people import parse_genders, parse_id_numbers, parse_mobiles, parse_tags
from chalicelib.domain.cleaning.text import CODE_MAX_LENGTH, echo, parse_text
from chalicelib.domain.import_spec import CUSTOMER_COLUMNS
from chalicelib.domain.table import RawTable, Validated

TEXT_MAX_LENGTH = 50
EARLIEST_BIRTHDAY = date(1900, 1, 1)
LABELS = {column.field: column.header for column in CUSTOMER_COLUMNS}
_SHOWN_ROWS = 5  # rows named in one duplicate message


def validate_customers(table: RawTable, today: date | None = None) -> Validated:
    """Clean values for the fields the file has, and every problem, row by row."""
    today = today or china_today()
    fields = tuple(column.field for column in CUSTOMER_COLUMNS if column.field in table.headers)
    cleaned, checks = {}, []
    for field in fields:
        cleaned[field], problems = _clean(field, table.column(field), today)
        checks.append((table.headers[field], LABELS[field], problems))
    rows = table.row_numbers
    repeated, repeats = _repeated_codes(cleaned["customer_code"], table)
    rank = [header for header, *_ in checks].index(table.headers["customer_code"])
    errors = collect_issues(checks, rows, echo(table), [(*repeats, rank)] if repeats else [])
    keep = ~repeated & ~any_problem(*(problems for *_, problems in checks), size=len(rows))
    frame = pd.DataFrame({field: cleaned[field][keep] for field in fields} | {"row": rows[keep]})
    return Validated(frame, fields, errors)


def _clean(field: str, values: pd.Series, today: date):
    label = LABELS[field]
    if field == "customer_code":
        return parse_text(values, label, CODE_MAX_LENGTH, required=True)
    if field in ("name", "region", "store"):
        return parse_text(values, label, TEXT_MAX_LENGTH)
    if field == "birthday":
        wall, problems = parse_times(values, label, EARLIEST_BIRTHDAY, today, "1985-06-01")
        text = np.where(np.isnat(wall), "", np.datetime_as_string(wall, unit="D")).astype(object)
        return text, problems
    if field == "id_number":
        return parse_id_numbers(values, label, today)
    parsers = {"mobile": parse_mobiles, "gender": parse_genders, "tags": parse_tags, "sms_consent": parse_yes_no}
    return parsers[field](values, label)


def _repeated_codes(codes: np.ndarray, table: RawTable) -> tuple[np.ndarray, tuple]:
    """(rows whose code is repeated, (header, texts, positions) of an error on each naming the other
    rows); the messages are built only when read, so a file of one code a million times stays small."""
    series = pd.Series(codes, dtype=object)
    repeated = (series.duplicated(keep=False) & (series != "")).to_numpy()
    if not repeated.any():
        return repeated, ()
    rows, positions = table.row_numbers, np.flatnonzero(repeated)
    group, code_of = pd.factorize(series[repeated])
    sizes = np.bincount(group)
    members = np.argsort(group, kind="stable")  # each group's positions together, in row order
    starts = np.cumsum(sizes) - sizes
    label = LABELS["customer_code"]

    def texts(selected: np.ndarray) -> list[str]:
        messages = []
        for own, number in zip(selected.tolist(), group[np.searchsorted(positions, selected)].tolist()):
            first = positions[members[starts[number]:starts[number] + min(sizes[number], _SHOWN_ROWS + 1)]]
            others = [str(int(rows[p])) for p in first if p != own][:_SHOWN_ROWS]
            count = int(sizes[number]) - 1
            shown = "、".join(others) + (f" 等 {count} 行" if count > _SHOWN_ROWS else " 行")
            messages.append(f"{label} {code_of[number]} 与第 {shown}重复")
        return messages

    return repeated, (table.headers["customer_code"], texts, positions)
