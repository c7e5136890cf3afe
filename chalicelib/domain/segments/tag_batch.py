"""A batch of tag changes over the tag column: who it changes, and the column after it (vectorised)."""
import numpy as np

from chalicelib.domain.customer_columns import TagLists


def changed_rows(tags: TagLists, rows: np.ndarray, add: list[str], remove: list[str], total: int) -> np.ndarray:
    """Of `rows`, those lacking a tag to add or holding one to remove (the others stay as they are)."""
    picked = np.zeros(total, dtype=bool)
    picked[rows] = True
    lacking = np.zeros(total, dtype=bool)
    for name in add:
        lacking |= ~tags.has(name, total)
    holding = np.zeros(total, dtype=bool)
    for name in remove:
        holding |= tags.has(name, total)
    return np.flatnonzero(picked & (lacking | holding))


def tag_counts(tags: TagLists, total: int) -> np.ndarray:
    return np.bincount(tags.row, minlength=total) if len(tags.row) else np.zeros(total, dtype=np.int64)


def with_changes(tags: TagLists, rows: np.ndarray, add: list[str], remove: list[str], total: int) -> TagLists:
    """The tag column after adding `add` to and removing `remove` from `rows`; a row keeps its tags' order,
    added ones come last."""
    picked = np.zeros(total, dtype=bool)
    picked[rows] = True
    removed = np.isin(tags.names, np.asarray(remove, dtype=str))[tags.tag] & picked[tags.row] \
        if len(tags.row) else np.zeros(0, dtype=bool)
    entry_rows, entry_names = [tags.row[~removed]], [tags.names[tags.tag[~removed]]]
    for name in add:
        missing = np.flatnonzero(picked & ~tags.has(name, total))
        entry_rows.append(missing.astype(np.int32))
        entry_names.append(np.full(len(missing), name))
    row = np.concatenate(entry_rows).astype(np.int32)
    names = np.concatenate([n.astype(str) for n in entry_names])  # widest of the widths
    if not len(row):
        return TagLists.empty()
    unique, tag = np.unique(names, return_inverse=True)
    order = np.argsort(row, kind="stable")
    return TagLists(unique, row[order], tag.astype(np.int32)[order])
