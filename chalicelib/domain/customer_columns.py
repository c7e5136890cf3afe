"""A tenant's customers as columns: names, dtypes, missing values and the small conversions around them.

Rows are sorted by customer_code (UTF-8 byte order, which is also numpy's 'U' code point order).
Days are whole days since 1970-01-01 as int32; MISSING_DAY stands for "no date".
"""
from dataclasses import dataclass
from datetime import date

import numpy as np

from chalicelib.domain.rfm_classes import CLASS_LABELS, NOT_ANALYSED

MISSING_DAY = np.iinfo(np.int32).min
NOT_ANALYSED_INDEX = CLASS_LABELS.index(NOT_ANALYSED)
_EPOCH = date(1970, 1, 1)

TEXT = ("customer_code", "name", "mobile", "id_number", "gender", "region", "store", "created_at", "updated_at",
        "imported_store", "main_store", "last_import_id")  # the last three: what `store` is derived from, the item
DAYS = ("birthday", "first_order_day", "last_order_day")
DTYPES = {**{name: np.dtype("U") for name in TEXT}, **{name: np.dtype(np.int32) for name in DAYS},
          "sms_consent": np.dtype(bool), "rfm_class": np.dtype(np.int8),
          "order_count": np.dtype(np.int32), "total_fen": np.dtype(np.int64)}
COLUMNS = (*DTYPES, "tags")
LIFETIME = ("first_order_day", "last_order_day", "order_count", "total_fen", "main_store")


@dataclass(frozen=True)
class TagLists:
    """Manual tags: entry k says customer row[k] has the tag names[tag[k]]."""

    names: np.ndarray
    row: np.ndarray
    tag: np.ndarray

    @classmethod
    def empty(cls) -> "TagLists":
        return cls(np.empty(0, dtype="U1"), np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32))

    @classmethod
    def of(cls, lists) -> "TagLists":
        """From one list of tag names per row."""
        flat = [tag for tags in lists for tag in tags]
        names, tag = np.unique(np.asarray(flat, dtype=str), return_inverse=True) if flat else (None, None)
        if names is None:
            return cls.empty()
        row = np.repeat(np.arange(len(lists), dtype=np.int32), [len(tags) for tags in lists])
        return cls(names, row, tag.astype(np.int32))

    def lists(self, rows: int) -> list[list[str]]:
        """One list of tag names per row (for a page of rows, take() first)."""
        out: list[list[str]] = [[] for _ in range(rows)]
        for row, tag in zip(self.row.tolist(), self.names[self.tag].tolist()):
            out[row].append(tag)
        return out

    def take(self, index: np.ndarray) -> "TagLists":
        """The tags of rows `index`, renumbered 0..len(index)-1 in that order."""
        index = np.asarray(index, dtype=np.int64)
        size = max(int(self.row.max(initial=-1)), int(index.max(initial=-1))) + 1
        new_row = np.full(size, -1, dtype=np.int32)
        new_row[index] = np.arange(len(index), dtype=np.int32)
        kept = new_row[self.row] >= 0 if len(self.row) else np.zeros(0, dtype=bool)
        return TagLists(self.names, new_row[self.row[kept]], self.tag[kept])

    def has(self, name: str, rows: int) -> np.ndarray:
        """True per row carrying the tag."""
        found = np.zeros(rows, dtype=bool)
        at = np.flatnonzero(self.names == name)
        if at.size:
            found[self.row[self.tag == at[0]]] = True
        return found


def day_number(text: str) -> int:
    """'YYYY-MM-DD' -> days since 1970-01-01; '' -> MISSING_DAY."""
    return (date.fromisoformat(text[:10]) - _EPOCH).days if text else int(MISSING_DAY)


def day_text(number: int) -> str:
    return "" if number == MISSING_DAY else date.fromordinal(_EPOCH.toordinal() + int(number)).isoformat()


def day_numbers(texts) -> np.ndarray:
    """Vector form of day_number."""
    texts = np.asarray(texts, dtype=str)
    days = np.full(len(texts), MISSING_DAY, dtype=np.int32)
    given = texts != ""
    days[given] = np.asarray(texts[given], dtype="datetime64[D]").astype(np.int64)
    return days


def day_texts(numbers) -> np.ndarray:
    """Vector form of day_text."""
    numbers = np.asarray(numbers, dtype=np.int64)
    text = np.datetime_as_string(np.where(numbers == MISSING_DAY, 0, numbers).astype("datetime64[D]"))
    return np.where(numbers == MISSING_DAY, "", text)


def class_index(labels) -> np.ndarray:
    """int8 index into CLASS_LABELS of class names (None or '' -> 未分析)."""
    rank = {name: index for index, name in enumerate(CLASS_LABELS)}
    return np.fromiter((rank.get(label or NOT_ANALYSED, NOT_ANALYSED_INDEX) for label in labels), np.int8)


def mask_mobile(mobile: str) -> str:
    """138****1234; anything else than 11 digits shows its last four only."""
    if not mobile:
        return ""
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else f"****{mobile[-4:]}"


def blank(name: str, rows: int) -> np.ndarray:
    """A column of missing values."""
    if name in DAYS:
        return np.full(rows, MISSING_DAY, dtype=np.int32)
    if name == "rfm_class":
        return np.full(rows, NOT_ANALYSED_INDEX, dtype=np.int8)
    if DTYPES[name].kind == "U":
        return np.full(rows, "", dtype="U1")
    return np.zeros(rows, dtype=DTYPES[name])
