"""moto's DynamoDB TransactWriteItems, without a deep copy of every table it names.

To undo a cancelled transaction moto deep-copies each table the transaction names before it writes, and puts the
copies back on failure: a cost in the size of the tables, paid by every transaction that succeeds too (40 % of
the CPU of the campaign tests, and a local stack gets slower the more it stores). `install()` keeps what a
transaction means — cancelled, it changes nothing — by saving only the items the transaction names and putting
them back when moto cancels it; moto's own copy becomes the table itself, so its rollback is a no-op.
Used by the integration tests (tests/integration/conftest.py) and the local stack's moto server.
"""
import copy
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_state = threading.local()
_moto_transact_write_items = DynamoDBBackend.transact_write_items


def install() -> None:
    """Idempotent."""
    DynamoDBBackend.transact_write_items = _transact_write_items
    Table.__deepcopy__ = _table_deepcopy


def _transact_write_items(self, transact_items):
    saved = _named_items(self, transact_items)
    _state.inside = True
    try:
        return _moto_transact_write_items(self, transact_items)
    except Exception:
        for table, hash_value, range_value, item in saved:
            _put_back(table, hash_value, range_value, item)
        raise
    finally:
        _state.inside = False


def _table_deepcopy(self, memo):
    if getattr(_state, "inside", False):
        return self  # moto's backup inside a transaction: _transact_write_items restores the named items instead
    clone = object.__new__(type(self))  # any other copy (a table backup) is a real deep copy, as before
    memo[id(self)] = clone
    clone.__dict__.update(copy.deepcopy(self.__dict__, memo))
    return clone


def _named_items(backend, transact_items) -> list:
    """(table, hash, range, a copy of the stored item or None) for each item the transaction names."""
    saved = []
    for entry in transact_items:
        for operation in entry.values():
            table = backend.tables.get(operation.get("TableName"))
            key = operation.get("Key") or operation.get("Item")
            if table is None or not key or table.hash_key_attr not in key:
                continue  # moto refuses the transaction before writing anything of it
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
            if table.has_range_key and range_value is None:
                continue
            saved.append((table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))))
    return saved


def _put_back(table, hash_value, range_value, item) -> None:
    if item is None:
        table.delete_item(hash_value, range_value)
    elif range_value is not None:
        table.items[hash_value][range_value] = item
    else:
        table.items[hash_value] = item
