"""Problems found by the cleaners, kept columnar until someone reads them."""
from collections.abc import Sequence
from typing import Callable, Iterator

import numpy as np

from chalicelib.domain.table import RowIssue

Problems = dict[str, np.ndarray]  # message -> bool mask of the rows it applies to
Texts = Callable[[np.ndarray], list[str]]  # positions -> the message for each
Kind = tuple[str, Texts, np.ndarray, int]  # (header, texts, positions flagged, rank among the row's issues)


class Issues(Sequence):
    """Every issue of a table as two small integers (position, kind): a file whose every cell is
    wrong costs a few bytes a cell, not a RowIssue and its message string each. The RowIssues are
    built only for those read -- the first page, or the error file's rows one chunk at a time.
    Ordered by row, then rank, then the order of the kinds."""

    CHUNK = 10_000

    def __init__(self, rows: np.ndarray, kinds: list[Kind]):
        self.rows = rows
        self.columns = [column for column, *_ in kinds]
        self.texts = [texts for _, texts, *_ in kinds]
        if not kinds:
            self.position, self.kind = np.empty(0, np.int64), np.empty(0, np.int32)
            return
        position = np.concatenate([hit for *_, hit, _ in kinds])
        kind = np.concatenate([np.full(hit.size, number, np.int32) for number, (*_, hit, _) in enumerate(kinds)])
        rank = np.concatenate([np.full(hit.size, rank, np.int32) for *_, hit, rank in kinds])
        order = np.lexsort((kind, rank, rows[position]))
        self.position, self.kind = position[order], kind[order]

    def __len__(self) -> int:
        return int(self.position.size)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._build(self.position[index], self.kind[index])
        index = range(len(self))[index]  # IndexError and negative indices as a list has them
        return self._build(self.position[index:index + 1], self.kind[index:index + 1])[0]

    def __iter__(self) -> Iterator[RowIssue]:
        for _, issue in self.positioned():
            yield issue

    def positioned(self) -> Iterator[tuple[int, RowIssue]]:
        """(position in the table, issue), in order, built a chunk at a time."""
        for start in range(0, len(self), self.CHUNK):
            position = self.position[start:start + self.CHUNK]
            yield from zip(position.tolist(), self._build(position, self.kind[start:start + self.CHUNK]))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal by content, so not hashable (as list)

    def __repr__(self) -> str:
        return f"Issues({len(self)})"

    def _build(self, position: np.ndarray, kind: np.ndarray) -> list[RowIssue]:
        messages = np.empty(position.size, dtype=object)
        for number in np.unique(kind):
            at = np.flatnonzero(kind == number)
            messages[at] = self.texts[number](position[at])
        return [RowIssue(int(self.rows[p]), self.columns[k], message)
                for p, k, message in zip(position.tolist(), kind.tolist(), messages)]


def collect_issues(checks: list[tuple[str, str, Problems]], rows: np.ndarray,
                   shown: Callable[[str, np.ndarray], list[str]] | None = None, more: Sequence[Kind] = ()) -> Issues:
    """Issues for every flagged cell, ordered by row, then by the order of `checks`
    ((header, label, problems)); `more` kinds rank as they say, after the checks' own.
    `shown(header, positions)`: those cells as the user typed them, echoed in each message after
    the label ("手机号“1381234”格式不正确…")."""
    kinds = []
    for index, (column, label, problems) in enumerate(checks):
        for message, mask in problems.items():
            hit = np.flatnonzero(mask)
            if hit.size:
                kinds.append((column, _texts(column, label, message, shown), hit, index))
    return Issues(rows, kinds + list(more))


def _texts(column: str, label: str, message: str, shown) -> Texts:
    if shown is None:
        return lambda positions: [message] * positions.size
    return lambda positions: [with_value(message, label, text) for text in shown(column, positions)]


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

