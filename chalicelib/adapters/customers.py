"""A tenant's customers: the one repository over the three places they are kept.

- one DynamoDB item per customer (customer_store.py), for point reads: a detail page, a page of a list;
- the customer table in the data bucket (customer_table.py), every customer as columns, for whole-tenant reads;
- the code index (customer_codes.py), the set of codes, for the order import's lookups.

Services read and write customers here only; the three modules are this one's private parts. Every
write runs under the tenant's import lease, which the caller holds (services/imports/lease.py), on
values the caller read under it. A write changes the items first, then the index (imports only),
then the table, whose manifest is the commit point. A failure before the commit puts back what
was already changed (best effort, logged) and re-raises: once a write has returned or failed, readers
find the new customers in all three places or the old ones (while it runs, a point read may already
see a new item).
"""
from collections.abc import Callable

import numpy as np

from chalicelib.adapters import customer_store
from chalicelib.adapters.customer_codes import CustomerCodeIndex
from chalicelib.adapters.customer_table import CustomerColumns, CustomerTable
from chalicelib.domain.customer_columns import TagLists
from chalicelib.domain.customer_edits import with_row_tags
from chalicelib.domain.customer_records import records
from chalicelib.observability import logger

__all__ = ["BLANK", "CustomerColumns", "TagLists", "get", "get_many", "all_of", "columns", "count", "code_count",
           "known", "save_profiles", "edit_one", "set_tags", "set_classes", "set_lifetime"]

BLANK = customer_store.BLANK  # what a new customer holds for a column its file does not have
EDITABLE = ("tags", "sms_consent", "updated_at")  # what edit_one changes


# Reads

def get(tenant_id: str, code: str) -> dict | None:
    """The stored customer (customer_store's fields and customer_code), or None."""
    return customer_store.get(tenant_id, code)


def get_many(tenant_id: str, codes) -> dict[str, dict]:
    """customer_code -> stored customer, for those of `codes` that exist."""
    return customer_store.get_many(tenant_id, codes)


def all_of(tenant_id: str) -> dict[str, dict]:
    """customer_code -> stored customer, every customer of the tenant (exports of the tenant's data)."""
    return customer_store.all_of(tenant_id)


def columns(tenant_id: str, names=None) -> CustomerColumns:
    """Table columns `names` (all when None) with customer_code, rows sorted by code."""
    return CustomerTable(tenant_id).read(names)


def count(tenant_id: str) -> int:
    """Customers in the table."""
    return CustomerTable(tenant_id).count()


def code_count(tenant_id: str) -> int:
    """Customers in the code index (no table read: cheap for counts shown beside orders)."""
    return CustomerCodeIndex(tenant_id).count()


def known(tenant_id: str, codes) -> np.ndarray:
    """True per code the tenant has a customer for."""
    return CustomerCodeIndex(tenant_id).contains(codes)


# Writes (the caller holds the tenant's import lease)

def save_profiles(tenant_id: str, created: list[dict], changed: list[dict], before: list[dict],
                  current: CustomerColumns, on_written: Callable[[int], None] | None = None) -> None:
    """Add `created` customers and replace `changed` ones (`before`: the same customers as they were), or none.

    `current`: the table's record columns as read under the lease; `on_written(count)` after each chunk of items."""
    rows, was = created + changed, {customer["customer_code"]: customer for customer in before}
    table = CustomerTable(tenant_id)
    index = CustomerCodeIndex(tenant_id)
    added: list[str] = []
    _put_items(tenant_id, rows, was, on_written)
    try:
        added = index.add([customer["customer_code"] for customer in created])
        # An empty table is merged into as the caller read it: read again, it would take the items just written
        # for a tenant from before the table and migrate them first. A table with rows is read whole (lifetime
        # columns too) to merge into.
        table.upsert(rows, current=None if len(current) else current)
    except Exception:
        logger.exception("customer write for %s failed before the table commit; restoring", tenant_id)
        _restore_index(index, added)
        _restore_items(tenant_id, rows, was)
        raise


def edit_one(tenant_id: str, before: dict, after: dict) -> None:
    """Replace one customer's tags, SMS consent and updated_at (`before`: as read under the lease)."""
    code = after["customer_code"]
    after = {**before, **{name: after[name] for name in EDITABLE}}
    table = CustomerTable(tenant_id)
    _put_items(tenant_id, [after], {code: before})
    try:
        current = table.read(list(EDITABLE))
        row = int(np.searchsorted(current["customer_code"], code))
        consents, updated = current["sms_consent"].copy(), current["updated_at"].astype(object)
        consents[row], updated[row] = after["sms_consent"], after["updated_at"]
        table.write_columns({"tags": with_row_tags(current["tags"], row, after["tags"]), "sms_consent": consents,
                             "updated_at": updated.astype(str)})
    except Exception:
        _restore_items(tenant_id, [after], {code: before})
        raise


def set_tags(tenant_id: str, current: CustomerColumns, rows: np.ndarray, tags: TagLists, at: str) -> None:
    """The whole tag column becomes `tags`; `rows` (the ones it changes) get updated_at `at`.

    `current`: the table as read under the lease, with customer_code and updated_at."""
    codes = current["customer_code"][rows].tolist()
    lists = dict(zip(codes, tags.take(rows).lists(len(rows))))
    was = get_many(tenant_id, codes)
    _put_items(tenant_id, [{**customer, "tags": lists[code], "updated_at": at} for code, customer in was.items()],
               was)
    updated = current["updated_at"].astype(object)
    updated[rows] = at
    _commit(tenant_id, {"tags": tags, "updated_at": updated.astype(str)}, list(was.values()), was)


def set_classes(tenant_id: str, current: CustomerColumns, rows: np.ndarray, classes: np.ndarray,
                labels: list[str | None]) -> None:
    """The rfm_class column becomes `classes`; the items of `rows` (where it changed) get `labels` (None: 未分析).

    `current`: the table's record columns as read under the lease (the items are written from them)."""
    was = records(current, rows)
    was_by_code = {customer["customer_code"]: customer for customer in was}
    _put_items(tenant_id, [{**customer, "rfm_class": label} for customer, label in zip(was, labels)], was_by_code)
    _commit(tenant_id, {"rfm_class": classes}, was, was_by_code)


def set_lifetime(tenant_id: str, figures: dict) -> None:
    """Lifetime columns (domain/customer_columns.py LIFETIME) in the table's row order; items do not keep them."""
    CustomerTable(tenant_id).write_columns(figures)


# The protocol

def _put_items(tenant_id: str, rows: list[dict], was: dict[str, dict], on_written=None) -> None:
    """Write whole items; on failure put back (or delete) those of the chunks that may have been written."""
    written = 0

    def note(count: int) -> None:
        nonlocal written
        written = count
        if on_written:
            on_written(count)

    try:
        customer_store.put_many(tenant_id, rows, on_written=note)
    except Exception:
        logger.exception("customer write for %s failed after %d of %d items; restoring", tenant_id, written,
                         len(rows))
        _restore_items(tenant_id, rows[:written + customer_store.WRITE_CHUNK], was)  # the failed chunk: partly
        raise


def _commit(tenant_id: str, changed_columns: dict, rows: list[dict], was: dict[str, dict]) -> None:
    """Write table columns after the items; on failure put the items back."""
    try:
        CustomerTable(tenant_id).write_columns(changed_columns)
    except Exception:
        logger.exception("customer table write for %s failed; restoring %d items", tenant_id, len(rows))
        _restore_items(tenant_id, rows, was)
        raise


def _restore_items(tenant_id: str, rows: list[dict], was: dict[str, dict]) -> None:
    codes = [customer["customer_code"] for customer in rows]
    customer_store.delete_many(tenant_id, [code for code in codes if code not in was])
    customer_store.put_many(tenant_id, [was[code] for code in codes if code in was])


def _restore_index(index: CustomerCodeIndex, added: list[str]) -> None:
    try:
        index.remove(added)
    except Exception:  # the items are put back even so; a code left over only makes its orders count as known
        logger.exception("code index restore failed")

