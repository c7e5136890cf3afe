"""Which customers a list shows and in what order, over the table's columns (vectorised: a tenant can
hold a million customers; dicts are built only for the page shown)."""
import numpy as np

from chalicelib.domain.rfm_classes import CLASS_LABELS

SORTS = {"customer_code": "customer_code", "name": "name", "rfm_class": "rfm_class", "updated_at": "updated_at",
         "last_order_date": "last_order_day", "total_spent": "total_fen", "order_count": "order_count"}
SEARCHED = ("customer_code", "name", "mobile")


def needed_columns(q: str = "", rfm_class: str = "", tag: str = "", store: str = "", sort: str = "customer_code",
                   **_) -> set[str]:
    """The columns matching() and order() read for these filters."""
    return {*(SEARCHED if q.strip() else ()), *(("rfm_class",) if rfm_class else ()), *(("tags",) if tag else ()),
            *(("store",) if store else ()), SORTS.get(sort, "customer_code")}


def matching(columns, q: str = "", rfm_class: str = "", tag: str = "", store: str = "") -> np.ndarray:
    """Rows (ascending) whose code, name or mobile contains q (any case), of the class, tag and store."""
    keep = np.ones(len(columns), dtype=bool)
    needle = q.strip().lower().encode()
    if needle:  # on the UTF-8 bytes: a UTF-8 needle matches exactly where its text does
        found = np.zeros(len(columns), dtype=bool)
        folded = needle.upper() != needle  # ASCII letters in the needle: compare without case
        for name in SEARCHED:
            haystack = _bytes(columns, name)
            found |= np.strings.find(np.strings.lower(haystack) if folded and name != "mobile" else haystack,
                                     needle) >= 0
        keep &= found
    if rfm_class:
        keep &= columns["rfm_class"] == (CLASS_LABELS.index(rfm_class) if rfm_class in CLASS_LABELS else -1)
    if tag:
        keep &= columns["tags"].has(tag, len(columns))
    if store:
        keep &= _bytes(columns, "store") == store.encode()
    return np.flatnonzero(keep)


def order(columns, rows: np.ndarray, sort: str = "customer_code", descending: bool = False) -> np.ndarray:
    """`rows` sorted by the column; equal values keep code order, also when descending."""
    if sort == "customer_code":  # the table's own order
        return rows[::-1] if descending else rows
    keys = _bytes(columns, SORTS[sort])[rows]  # UTF-8 bytes sort as their text does
    if descending:
        keys = -np.unique(keys, return_inverse=True)[1] if keys.dtype.kind == "S" else -keys.astype(np.int64)
    return rows[np.argsort(keys, kind="stable")]


def _bytes(columns, name: str) -> np.ndarray:
    """The column as stored (text as UTF-8 bytes) when the columns keep it so, else as given."""
    values = columns.raw(name) if hasattr(columns, "raw") else columns[name]
    return np.strings.encode(values, "utf-8") if values.dtype.kind == "U" else values
