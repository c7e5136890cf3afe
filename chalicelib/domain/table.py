"""What the import pipeline passes between reading, validating and reporting."""
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class RowIssue:
    """One problem with one cell or row, as the user will read it."""

    row: int  # the spreadsheet row number (header = 1, first data row = 2) or the bulk item number (1-based)
    column: str  # the header as written in the file ("" when the whole row is meant)
    message: str  # Chinese, says what is wrong and how to fix it

    def text(self) -> str:
        where = f"第 {self.row} 行，列 {self.column}" if self.column else f"第 {self.row} 行"
        return f"{where}：{self.message}"

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class RawTable:
    """A file's rows as read, before any validation."""

    kind: str  # import_spec.CUSTOMERS or ORDERS
    original: pd.DataFrame  # every column of the file, headers as written, cell values as read
    headers: dict[str, str]  # field -> the header of `original` it was matched to
    row_numbers: np.ndarray  # int64, aligned with `original`'s rows
    ignored_headers: list[str] = field(default_factory=list)  # columns no field matched
    source_format: str = "csv"  # "xlsx", "csv" or "json" (bulk API)

    def column(self, name: str) -> pd.Series:
        return self.original[self.headers[name]]

    def cells_at(self, header: str, positions: np.ndarray) -> np.ndarray:
        """The cells of column `header` (as written in the file) at these positions, as read."""
        return self.original[header].to_numpy(dtype=object)[positions]

    def __len__(self) -> int:
        return len(self.original)


@dataclass
class Validated:
    """Clean rows ready to store, and everything worth telling the user."""

    frame: pd.DataFrame  # one column per present field, plus "row" (the file row number)
    fields: tuple[str, ...]  # the fields the file had (absent ones leave stored values alone)
    errors: Sequence[RowIssue] = field(default_factory=list)  # any error rejects the file; cleaning.issues.Issues
    skipped: list[RowIssue] = field(default_factory=list)  # orders repeated inside the file
    notices: list[str] = field(default_factory=list)  # e.g. ignored columns

    @property
    def ok(self) -> bool:
        return not self.errors
