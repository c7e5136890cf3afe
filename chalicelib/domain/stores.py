"""Stores (门店): names as the tenant writes them, and each store's customers counted by class.

A customer's store is its 所属门店 in force (imported, else the store of most purchases); a
customer with neither has the store '' and belongs to no store.
"""
import numpy as np

from chalicelib.errors import ValidationFailed

MAX_NAME_CHARS = 40
MAX_ADDED_NAMES = 500


def clean_name(name) -> str:
    """A store name as typed by hand, trimmed; ValidationFailed when it cannot be one."""
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        raise ValidationFailed("请填写门店名称", details=[{"field": "name", "message": "门店名称不能为空"}])
    if len(text) > MAX_NAME_CHARS:
        raise ValidationFailed(f"门店名称最多 {MAX_NAME_CHARS} 个字",
                               details=[{"field": "name", "message": f"门店名称最多 {MAX_NAME_CHARS} 个字"}])
    return text


def class_counts(stores: np.ndarray, classes: np.ndarray, labels: tuple, added=()) -> tuple[list[dict], dict]:
    """(one row per store, the customers without a store): {name, customers, classes{label: count}}.

    `stores` and `classes` run over the same customers (`classes`: index into `labels`). Names in
    `added` (entered by hand) are listed even with no customer. Rows: most customers first, then by name.
    """
    stores, classes = np.asarray(stores, dtype=str), np.asarray(classes, dtype=np.int64)
    names, store_of_row = np.unique(np.concatenate([stores, np.asarray([*added, ""], dtype=str)]),
                                    return_inverse=True)
    store_of_row = store_of_row[:len(stores)]
    width = len(labels)
    counts = np.bincount(store_of_row * width + classes, minlength=len(names) * width).reshape(len(names), width)
    rows = [_row(str(name), counts[i], labels) for i, name in enumerate(names)]
    unassigned = next(row for row in rows if row["name"] == "")
    listed = sorted((row for row in rows if row["name"]), key=lambda row: (-row["customers"], row["name"]))
    return listed, unassigned


def _row(name: str, counts: np.ndarray, labels: tuple) -> dict:
    return {"name": name, "customers": int(counts.sum()),
            "classes": {label: int(count) for label, count in zip(labels, counts)}}
