"""adapters/customers.py in memory: items as dicts, the table as columns, the code index as a set; every write
changes the three together or (a failure injected with `fail_next_write`) none of them."""
import copy

import numpy as np

from chalicelib.adapters.customer_store import BLANK, STORED_FIELDS, WRITE_CHUNK
from chalicelib.adapters.customer_table import CustomerColumns
from chalicelib.adapters.npz_codec import encode_text
from chalicelib.domain.customer_columns import COLUMNS, DTYPES, TagLists, blank
from chalicelib.domain.customer_edits import with_row_tags
from chalicelib.domain.customer_records import columns_of, merge, records
from chalicelib.domain.lifetime import store_in_force

EDITABLE = ("tags", "sms_consent", "updated_at")


class WriteFailed(RuntimeError):
    """The injected failure: DynamoDB or S3 giving up in the middle of a write."""


class FakeCustomers:
    BLANK = BLANK

    def __init__(self):
        self.items: dict[tuple[str, str], dict] = {}
        self.tables: dict[str, dict] = {}  # tenant -> every column ('U' text), rows sorted by code
        self.codes: dict[str, set[str]] = {}
        self.failing = False
        self.writes = 0  # writes that changed something, for "changed nothing the second time"

    def fail_next_write(self) -> None:
        self.failing = True

    # Reads

    def get(self, tenant_id: str, code: str) -> dict | None:
        found = self.items.get((tenant_id, code))
        return copy.deepcopy(found) if found is not None else None

    def get_many(self, tenant_id: str, codes) -> dict[str, dict]:
        return {code: self.get(tenant_id, code) for code in dict.fromkeys(codes) if (tenant_id, code) in self.items}

    def all_of(self, tenant_id: str) -> dict[str, dict]:
        return {code: self.get(tenant_id, code) for tenant, code in sorted(self.items) if tenant == tenant_id}

    def columns(self, tenant_id: str, names=None) -> CustomerColumns:
        wanted = list(dict.fromkeys(["customer_code", *(COLUMNS if names is None else names)]))
        unknown = set(wanted) - set(COLUMNS)
        if unknown:
            raise KeyError(f"no such customer column: {sorted(unknown)}")
        table = self.tables.get(tenant_id)
        return CustomerColumns({name: _as_read(name, table[name] if table else None) for name in wanted})

    def count(self, tenant_id: str) -> int:
        return len(self.tables[tenant_id]["customer_code"]) if tenant_id in self.tables else 0

    def code_count(self, tenant_id: str) -> int:
        return len(self.codes.get(tenant_id, ()))

    def known(self, tenant_id: str, codes) -> np.ndarray:
        mine = self.codes.get(tenant_id, set())
        return np.asarray([code in mine for code in list(codes)], dtype=bool)

    # Writes

    def save_profiles(self, tenant_id: str, created: list[dict], changed: list[dict], before: list[dict],
                      current, on_written=None) -> None:
        rows = created + changed
        self._check()
        incoming = columns_of(sorted(rows, key=lambda customer: customer["customer_code"]))
        self._put(tenant_id, rows, on_written)
        self.codes.setdefault(tenant_id, set()).update(customer["customer_code"] for customer in created)
        self._replace(tenant_id, merge(self._table(tenant_id), incoming))

    def edit_one(self, tenant_id: str, before: dict, after: dict) -> None:
        self._check()
        after = {**before, **{name: after[name] for name in EDITABLE}}
        self._put(tenant_id, [after])
        table = self._table(tenant_id)
        row = int(np.searchsorted(table["customer_code"], after["customer_code"]))
        table["tags"] = with_row_tags(table["tags"], row, after["tags"])
        table["updated_at"] = table["updated_at"].astype(object)  # a longer time must not be cut to the old width
        table["sms_consent"][row], table["updated_at"][row] = after["sms_consent"], after["updated_at"]
        self._replace(tenant_id, table)

    def set_tags(self, tenant_id: str, current, rows: np.ndarray, tags: TagLists, at: str) -> None:
        self._check()
        codes = current["customer_code"][rows].tolist()
        lists = dict(zip(codes, tags.take(rows).lists(len(rows))))
        self._put(tenant_id, [{**customer, "tags": lists[code], "updated_at": at}
                              for code, customer in self.get_many(tenant_id, codes).items()])
        table = self._table(tenant_id)
        table["tags"] = tags
        table["updated_at"] = np.asarray(current["updated_at"], dtype=object)
        table["updated_at"][rows] = at
        self._replace(tenant_id, table)

    def set_classes(self, tenant_id: str, current, rows: np.ndarray, classes: np.ndarray, labels: list) -> None:
        self._check()
        self._put(tenant_id, [{**customer, "rfm_class": label} for customer, label in zip(records(current, rows),
                                                                                          labels)])
        self._replace(tenant_id, {**self._table(tenant_id), "rfm_class": classes})

    def set_lifetime(self, tenant_id: str, figures: dict) -> None:
        self._check()
        self._replace(tenant_id, {**self._table(tenant_id), **figures})

    # The state

    def _check(self) -> None:
        if self.failing:
            self.failing = False
            raise WriteFailed("injected")

    def _put(self, tenant_id: str, rows: list[dict], on_written=None) -> None:
        for start in range(0, len(rows), WRITE_CHUNK):
            for customer in rows[start:start + WRITE_CHUNK]:
                stored = {**BLANK, **{k: customer[k] for k in STORED_FIELDS if customer.get(k) is not None}}
                stored = {name: stored.get(name) for name in STORED_FIELDS}
                self.items[(tenant_id, customer["customer_code"])] = {
                    **copy.deepcopy(stored), "tags": list(stored["tags"] or []), "customer_code": customer["customer_code"]}
            if on_written:
                on_written(min(start + WRITE_CHUNK, len(rows)))
        self.writes += 1

    def _table(self, tenant_id: str) -> dict:
        """A copy of the tenant's columns (writable), every column present."""
        table = self.tables.get(tenant_id)
        if table is None:
            return {name: TagLists.empty() if name == "tags" else blank(name, 0) for name in COLUMNS}
        return {name: values if name == "tags" else np.array(values, copy=True) for name, values in table.items()}

    def _replace(self, tenant_id: str, columns: dict) -> None:
        rows = len(columns["customer_code"])
        columns = {**columns, "store": store_in_force(np.asarray(columns["imported_store"], dtype=str),
                                                      np.asarray(columns["main_store"], dtype=str))}
        for name, values in columns.items():
            if name != "tags" and len(values) != rows:
                raise ValueError(f"column {name} must hold {rows} rows")
        self.tables[tenant_id] = {name: values if name == "tags" else np.asarray(values, dtype=DTYPES[name])
                                  for name, values in columns.items()}


def _as_read(name: str, values):
    """The column as the real table hands it out: text as UTF-8 bytes, read-only."""
    if name == "tags":
        return values if values is not None else TagLists.empty()
    if values is None:
        return np.empty(0, dtype="S1") if DTYPES[name].kind == "U" else blank(name, 0)
    out = encode_text(values) if DTYPES[name].kind == "U" else np.array(values, copy=True)
    out.setflags(write=False)
    return out
