"""A RawTable read from a plain CSV that keeps its cells as bytes of the file until asked.

Making a Python str of each of a million rows' cells costs more than validating them; the
validators read dates and amounts straight from the bytes (cleaning.packed), so a clean order
file only ever decodes its two code columns. `original` (every column, as the error file
needs) is built on first use.
"""
import numpy as np
import pandas as pd

from chalicelib.domain.cleaning.packed import Packed
from chalicelib.domain.table import RawTable


class PackedTable(RawTable):
    """RawTable of a CSV whose columns are Packed cells (all complete, one per data row)."""

    def __init__(self, kind: str, columns: list[tuple[str, Packed]], headers: dict[str, str],
                 row_numbers: np.ndarray, ignored_headers: list[str]):
        # Every field of RawTable but `original`, which the property below builds when needed
        self.kind, self.headers, self.row_numbers = kind, headers, row_numbers
        self.ignored_headers, self.source_format = ignored_headers, "csv"
        self.columns = columns  # (header as written, its cells), in the file's order
        self._texts: dict[int, np.ndarray] = {}  # position in `columns` -> its cells as str
        self._original: pd.DataFrame | None = None

    @property
    def original(self) -> pd.DataFrame:
        if self._original is None:
            self._original = pd.DataFrame({j: self._text(j) for j in range(len(self.columns))}, copy=False)
            self._original.columns = [name for name, _ in self.columns]
        return self._original

    @original.setter
    def original(self, frame: pd.DataFrame) -> None:
        self._original = frame

    def column(self, name: str) -> pd.Series:
        header = self.headers[name]
        return pd.Series(self._text(self._position(header)), name=header, copy=False)

    def cells_at(self, header: str, positions: np.ndarray) -> np.ndarray:
        return self.columns[self._position(header)][1].texts(positions)  # only those cells decoded

    def packed(self, name: str) -> Packed:
        """Field `name`'s cells as bytes."""
        return self.columns[self._position(self.headers[name])][1]

    def __len__(self) -> int:
        return len(self.row_numbers)

    def _position(self, header: str) -> int:
        return next(j for j, (name, _) in enumerate(self.columns) if name == header)

    def _text(self, j: int) -> np.ndarray:
        if j not in self._texts:
            self._texts[j] = self.columns[j][1].texts()
        return self._texts[j]


def packed_column(table: RawTable, name: str) -> Packed | None:
    """Field `name`'s cells as bytes, when the table keeps them."""
    return table.packed(name) if isinstance(table, PackedTable) else None
