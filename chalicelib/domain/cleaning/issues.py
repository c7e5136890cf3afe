"""Problems found by the cleaners, turned into the RowIssues users read."""
from typing import Callable

import numpy as np

from chalicelib.domain.table import RowIssue

Problems = dict[str, np.ndarray]  # message -> bool mask of the rows it applies to


def collect_issues(checks: list[tuple[str, str, Problems]], rows: np.ndarray,
                   shown: Callable[[str, np.ndarray], list[str]] | None = None) -> list[RowIssue]:
    """RowIssues for every flagged cell, ordered by row, then by the order of `checks`
    ((header, label, problems)). `shown(header, positions)`: those cells as the user typed them,
    echoed in each message after the label ("手机号“1381234”格式不正确…")."""
    found = []  # (positions, check index, messages)
    for index, (column, label, problems) in enumerate(checks):
        for message, mask in problems.items():
            hit = np.flatnonzero(mask)
            if hit.size:
                texts = shown(column, hit) if shown else [""] * hit.size
                found.append((hit, len(found), column, [with_value(message, label, text) for text in texts]))
    if not found:
        return []
    position = np.concatenate([hit for hit, *_ in found])
    tag = np.concatenate([np.full(hit.size, number) for hit, number, *_ in found])
    messages = [message for *_, texts in found for message in texts]
    columns = [column for hit, _, column, _ in found for _ in range(hit.size)]
    order = np.lexsort((tag, position))
    return [RowIssue(int(rows[position[i]]), columns[i], messages[i]) for i in order]


def with_value(message: str, label: str, text: str) -> str:
    """The message with the cell's text right after the label (or in front, when it does not start with it)."""
    if not text:
        return message
    if label and message.startswith(label):
        return f"{label}“{text}”{message[len(label):]}"
    return f"“{text}”：{message}"


def any_problem(*problem_sets: Problems, size: int) -> np.ndarray:
    flagged = np.zeros(size, dtype=bool)
    for problems in problem_sets:
        for mask in problems.values():
            flagged |= mask
    return flagged

