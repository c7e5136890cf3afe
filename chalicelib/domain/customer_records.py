"""Customer dicts (as customer_store holds them) to table columns and back.

A dict's `store` is the imported 所属门店; the table keeps it as `imported_store` and derives
`store` (the store in force) from it and `main_store` (lifetime.py).
"""
import numpy as np

from chalicelib.domain.customer_columns import DTYPES, LIFETIME, TagLists, blank, class_index, day_numbers, day_texts
from chalicelib.domain.rfm_classes import CLASS_LABELS, NOT_ANALYSED

PLAIN = ("customer_code", "name", "mobile", "id_number", "gender", "region", "created_at", "updated_at",
         "last_import_id")
RECORD_COLUMNS = (*PLAIN, "imported_store", "birthday", "sms_consent", "rfm_class", "tags")


def columns_of(customers: list[dict]) -> dict:
    """The record columns of customer dicts, rows in the given order (lifetime columns left out)."""
    def text(name, field=None):
        return np.asarray([customer.get(field or name) or "" for customer in customers], dtype=str)

    columns = {name: text(name) for name in PLAIN}
    columns["imported_store"] = text("imported_store", "store")
    columns["birthday"] = day_numbers(text("birthday"))
    columns["sms_consent"] = np.asarray([bool(c.get("sms_consent")) for c in customers], dtype=bool)
    columns["rfm_class"] = class_index([c.get("rfm_class") for c in customers])
    columns["tags"] = TagLists.of([list(c.get("tags") or []) for c in customers])
    return columns


def records(columns, index=None) -> list[dict]:
    """Customer dicts of rows `index` (every row when None), in customer_store's shape."""
    index = np.arange(len(columns["customer_code"])) if index is None else np.asarray(index)
    plain = {name: columns[name][index].tolist() for name in PLAIN}
    birthday = day_texts(columns["birthday"][index]).tolist()
    store = columns["imported_store"][index].tolist()
    consent = columns["sms_consent"][index].tolist()
    classes = [CLASS_LABELS[i] for i in columns["rfm_class"][index].tolist()]
    tags = columns["tags"].take(index).lists(len(index))
    return [{**{name: plain[name][k] for name in PLAIN}, "last_import_id": plain["last_import_id"][k] or None,
             "birthday": birthday[k], "store": store[k], "sms_consent": consent[k], "tags": tags[k],
             "rfm_class": None if classes[k] == NOT_ANALYSED else classes[k]} for k in range(len(index))]


def merge(old: dict, new: dict) -> dict:
    """Rows of `new` replace rows of `old` with the same code, others are added; result sorted by code.

    Columns `new` lacks (lifetime figures) keep the old row's values, or are blank for new codes."""
    old_codes, new_codes = old["customer_code"], new["customer_code"]
    kept = ~np.isin(old_codes, new_codes)
    codes = np.concatenate([old_codes[kept], new_codes])
    order = np.argsort(codes, kind="stable")
    at_old = np.searchsorted(old_codes, new_codes)  # old codes are sorted
    existed = at_old < len(old_codes)
    existed[existed] = old_codes[at_old[existed]] == new_codes[existed]
    merged = {}
    for name in DTYPES:
        if name in new:
            incoming = new[name]
        else:
            incoming = blank(name, len(new_codes)).astype(old[name].dtype if name in old else DTYPES[name])
            if name in old and existed.any():
                incoming[existed] = old[name][at_old[existed]]
        base = old[name] if name in old else blank(name, len(old_codes))
        merged[name] = np.concatenate([base[kept], incoming])[order]
    merged["tags"] = _merge_tags(old["tags"], kept, new["tags"], len(old_codes), order)
    return merged


def _merge_tags(old: TagLists, kept: np.ndarray, new: TagLists, old_rows: int, order: np.ndarray) -> TagLists:
    kept_rows = np.flatnonzero(kept)
    first = old.take(kept_rows)
    names = np.union1d(first.names, new.names)
    position = np.empty(len(order), dtype=np.int32)
    position[order] = np.arange(len(order), dtype=np.int32)  # concatenated row -> sorted row
    row = np.concatenate([position[first.row], position[new.row + len(kept_rows)]]).astype(np.int32)
    tag = np.concatenate([np.searchsorted(names, first.names)[first.tag],
                          np.searchsorted(names, new.names)[new.tag]]).astype(np.int32)
    return TagLists(names, row, tag)


__all__ = ["columns_of", "records", "merge", "blank_columns", "LIFETIME", "RECORD_COLUMNS"]


def blank_columns(codes, created_at: str) -> dict:
    """Every column of customers that have nothing but a code (sorted here), created at `created_at`."""
    codes = np.sort(np.asarray(codes, dtype=str))
    columns = {name: blank(name, len(codes)) for name in DTYPES}
    stamp = np.full(len(codes), created_at)
    return {**columns, "customer_code": codes, "created_at": stamp, "updated_at": stamp, "tags": TagLists.empty()}
