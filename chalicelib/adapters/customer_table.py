"""Every customer of a tenant as columns in the data bucket, for whole-tenant reads.

Layout under customers/<tenant_id>/table/ (arrays as .npz, see npz_codec):
  manifest.json            {"version", "rows", "columns": {name: object key}, "retired": [keys]}: the commit point
  <name>-<version>-<random>.npy  one column, rows sorted by customer_code (tags: tags-<version>-<random>.npz,
                           arrays "names", "row", "tag"); written once, never overwritten (the random part keeps
                           a key unique also after a tenant's data was deleted and its versions start again), so a
                           process keeps the columns it read in memory (object_cache.py)

A reader downloads the manifest and only the columns it asks for. A write puts new column objects
under the next version, then the manifest; the objects it replaced are deleted one commit later,
so a reader holding the previous manifest still finds its columns. A private part of
adapters/customers.py, which writes the table together with the DynamoDB items (customer_store.py,
for point reads) under the tenant's import lease (services/imports/lease.py).

A tenant from before the table (a gzipped JSON snapshot, or only DynamoDB items) is migrated on
its first read.
"""
import gzip
import json
import secrets

import numpy as np

from chalicelib import config
from chalicelib.adapters import customer_store
from chalicelib.adapters.bucket_io import BucketIO, plain_id
from chalicelib.adapters.npz_codec import decode_text, encode_text, pack, pack_array, unpack, unpack_array
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.customer_columns import COLUMNS, DTYPES, TagLists, blank
from chalicelib.domain.customer_records import columns_of, merge
from chalicelib.domain.lifetime import store_in_force

__all__ = ["CustomerTable", "CustomerColumns", "TagLists"]


class CustomerColumns:
    """Column name -> numpy array (tags: TagLists), rows sorted by customer_code; len() is the row count.

    Text columns are decoded from UTF-8 on first access: a million Chinese names take seconds to decode,
    so filters and sorts that can work on the bytes use raw() and decode only the rows they show."""

    def __init__(self, columns: dict):
        self._raw, self._decoded = columns, {}

    def __getitem__(self, name: str):
        if name not in self._decoded:
            value = self._raw[name]
            self._decoded[name] = decode_text(value) if getattr(value, "dtype", None) is not None and \
                value.dtype.kind == "S" else value
        return self._decoded[name]

    def raw(self, name: str):
        """The column as stored: text as UTF-8 bytes ('S'; same order as the text), others as they are."""
        return self._raw[name]

    def __contains__(self, name: str) -> bool:
        return name in self._raw

    def __len__(self) -> int:
        return len(self._raw["customer_code"])

    def keys(self):
        return self._raw.keys()

    def items(self):
        return ((name, self[name]) for name in self._raw)

    def get(self, name: str, default=None):
        return self[name] if name in self._raw else default


class CustomerTable:
    def __init__(self, tenant_id: str, bucket: str | None = None):
        self.tenant_id = plain_id(tenant_id, "tenant_id")
        self.s3 = BucketIO(bucket or config.data_bucket())
        self.prefix = f"customers/{self.tenant_id}/table/"

    def read(self, names=None) -> CustomerColumns:
        """The columns asked for (every column when None), always with customer_code."""
        wanted = list(dict.fromkeys(["customer_code", *(COLUMNS if names is None else names)]))
        unknown = set(wanted) - set(COLUMNS)
        if unknown:
            raise KeyError(f"no such customer column: {sorted(unknown)}")
        manifest = self._manifest() or self._migrate()
        if manifest is None:
            return CustomerColumns({name: _encode_empty(name) for name in wanted})
        bodies = self.s3.get_written_once([manifest["columns"][name] for name in wanted])
        if any(body is None for body in bodies):  # replaced twice while we read: read the newer version
            return self.read(names)
        return CustomerColumns({name: _decode(name, body) for name, body in zip(wanted, bodies)})

    def count(self) -> int:
        manifest = self._manifest() or self._migrate()
        return manifest["rows"] if manifest else 0

    def write_columns(self, columns: dict) -> None:
        """Replace whole columns; each holds one value per row, in the table's row order."""
        manifest = self._manifest() or self._migrate()
        rows = manifest["rows"] if manifest else 0
        for name, values in columns.items():
            size = len(values.row) and int(values.row.max()) + 1 if name == "tags" else len(values)
            if name not in COLUMNS or name == "customer_code" or (name != "tags" and size != rows) or size > rows:
                raise ValueError(f"column {name} must be one of the table's and hold {rows} rows")
        if "imported_store" in columns or "main_store" in columns:
            parts = self.read([name for name in ("imported_store", "main_store") if name not in columns])
            sources = {**{name: parts[name] for name in parts.keys()}, **columns}
            columns = {**columns, "store": store_in_force(sources["imported_store"], sources["main_store"])}
        self._commit(manifest, rows, columns)

    def upsert(self, customers: list[dict], current: CustomerColumns | None = None) -> None:
        """Customer dicts (as customer_store holds them) replace the rows of their codes or are added.

        `current`: the table as the caller read it under the lease, when it was empty. A tenant's first
        import writes its customers to DynamoDB before the table exists; reading the table again would
        take them for a tenant from before the table and migrate them all from DynamoDB first."""
        if not customers:
            return
        incoming = columns_of(customers)
        order = np.argsort(incoming["customer_code"], kind="stable")
        incoming = {name: values[order] for name, values in incoming.items() if name != "tags"} | {
            "tags": incoming["tags"].take(order)}
        self.replace(merge(dict((current if current is not None else self.read()).items()), incoming))

    def replace(self, columns: dict) -> None:
        """Write every column anew (rows sorted by customer_code); `store` is derived here."""
        columns = {**columns, "store": store_in_force(columns["imported_store"], columns["main_store"])}
        missing = set(COLUMNS) - set(columns)
        if missing:
            raise ValueError(f"a whole table needs every column; missing {sorted(missing)}")
        self._commit(self._manifest(), len(columns["customer_code"]), columns)

    def _commit(self, manifest: dict | None, rows: int, columns: dict) -> None:
        version = (manifest["version"] if manifest else 0) + 1
        unique = secrets.token_hex(4)
        objects = {f"{self.prefix}{name}-{version}-{unique}.{'npz' if name == 'tags' else 'npy'}":
                   _encode(name, values) for name, values in columns.items()}
        keys = dict(zip(columns, objects))
        self.s3.put_many(objects)
        previous = manifest["columns"] if manifest else {}
        document = {"version": version, "rows": rows, "columns": {**previous, **keys},
                    "retired": [previous[name] for name in keys if name in previous]}
        self.s3.put(self._manifest_key(), json.dumps(document).encode())
        if manifest and manifest.get("retired"):
            self.s3.delete(manifest["retired"])

    def _manifest_key(self) -> str:
        return self.prefix + "manifest.json"

    def _manifest(self) -> dict | None:
        body = self.s3.get(self._manifest_key())
        return json.loads(body) if body else None

    def _migrate(self) -> dict | None:
        """The first read of a tenant from before the table: build it from the old snapshot or DynamoDB."""
        body = self.s3.get(f"customers/{self.tenant_id}/snapshot.json.gz")
        customers = json.loads(gzip.decompress(body)) if body else list(customer_store.all_of(self.tenant_id).values())
        if not customers:
            return None
        customers.sort(key=lambda customer: customer["customer_code"])
        columns = columns_of(customers)
        self.replace({**columns, **OrderStore(self.tenant_id, self.s3.bucket).lifetime(columns["customer_code"])})
        if body:
            self.s3.delete([f"customers/{self.tenant_id}/snapshot.json.gz"])
        return self._manifest()


def _encode(name: str, values) -> bytes:
    if name == "tags":
        return pack(names=encode_text(values.names), row=values.row.astype(np.int32), tag=values.tag.astype(np.int32))
    if DTYPES[name].kind == "U":
        return pack_array(encode_text(values))
    return pack_array(np.asarray(values, dtype=DTYPES[name]))


def _decode(name: str, body: bytes):
    """The stored column (read-only); text stays UTF-8 bytes until CustomerColumns is asked for it."""
    if name == "tags":
        stored = unpack(body)
        return TagLists(decode_text(stored["names"]), stored["row"], stored["tag"])
    return unpack_array(body)


def _encode_empty(name: str):
    if name == "tags":
        return TagLists.empty()
    return np.empty(0, dtype="S1") if DTYPES[name].kind == "U" else blank(name, 0)
