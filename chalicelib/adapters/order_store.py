"""Where a tenant's orders live: the data bucket, one object per import batch per China-time month.

Layout under orders/<tenant_id>/ (arrays as .npz, see npz_codec):
  manifest.json             committed batches, rewritten in one put as the last step: the commit point
  customer_codes.npz        codes: every customer code seen in orders, append-only
  stores.npz                names: every store name seen in orders, append-only like customer_codes
  <YYYY-MM>/<batch_id>-<random>.npz  code (int32 index into customer_codes), ordered_at (int64, sorted),
                            amount_fen, store (int32 index into stores, -1: none), order_id (S); objects written
                            before stores were imported lack the last two and read as no store and ''. The random
                            part makes each write of a batch (a retried import rewrites it) a new key, so a key
                            names one body for ever and a process keeps the month objects it read (object_cache.py);
                            readers find the keys in the manifest entry's "objects" (older entries: <batch_id>.npz)
  keys/<batch_id>.npz       keys: sorted uint64 order keys — all that existing() downloads per batch
  ids/<batch_id>.npz        ids: the order IDs in key order, fetched only for batches with a key match
  parked/<batch_id>.npz     codes, counts: orders whose customer did not exist yet
and customers/<tenant_id>/codes.npz holds the CustomerCodeIndex (customer_codes.py).

One append-only code dictionary per tenant rather than one per batch: read_columns takes it
once instead of merging a dictionary per batch (millions of strings to hash for a tenant with
many batches). Appending keeps every committed month object's indices valid, and a crash after
the append only leaves codes nobody uses. Callers serialise writes per tenant.
"""
import json
import secrets
from collections import Counter

import numpy as np
import pandas as pd

from chalicelib import config
from chalicelib.adapters import object_cache
from chalicelib.adapters.bucket_io import BucketIO, plain_id
from chalicelib.adapters.customer_codes import CustomerCodeIndex
from chalicelib.adapters.npz_codec import decode_text, encode_text, pack, unpack
from chalicelib.clock import now_iso
from chalicelib.domain.lifetime import lifetime_columns
from chalicelib.domain.order_keys import order_keys
from chalicelib.domain.rfm.measures import OrderColumns

__all__ = ["OrderStore", "CustomerCodeIndex"]
CHINA_OFFSET = 8 * 3600  # an order belongs to the month of its China time (UTC+8)
ORDER_ARRAYS = ("code", "ordered_at", "amount_fen")  # what analyses read


class OrderStore:
    def __init__(self, tenant_id: str, bucket: str | None = None):
        self.s3 = BucketIO(bucket or config.data_bucket())
        self.prefix = f"orders/{plain_id(tenant_id, 'tenant_id')}/"

    def batches(self) -> list[dict]:
        return list(self._manifest().values())

    def count(self) -> int:
        """Orders in committed batches."""
        return sum(entry["count"] for entry in self.batches())

    def existing(self, order_ids: pd.Series) -> np.ndarray:
        """True where the order ID is in a committed batch (key match, then the string compared)."""
        ids = np.asarray(order_ids, dtype=object)
        found = np.zeros(len(ids), dtype=bool)
        entries = [entry for entry in self.batches() if entry["count"]]
        if not len(ids) or not entries:
            return found
        new_keys = order_keys(ids)
        order = np.argsort(new_keys)  # sorted needles keep each searchsorted cache-friendly
        needles = new_keys[order]
        matches = {}
        batch_ids = [entry["batch_id"] for entry in entries]
        for batch_id, body in zip(batch_ids, self.s3.get_many([self._path("keys", batch) for batch in batch_ids])):
            keys = unpack(body)["keys"]
            at = np.searchsorted(keys, needles)
            hit = np.flatnonzero(keys[np.minimum(at, len(keys) - 1)] == needles)
            if hit.size:
                matches[self._path("ids", batch_id)] = (keys, at[hit], hit)
        for (keys, at, hit), body in zip(matches.values(), self.s3.get_many(list(matches))):
            wanted = encode_text(ids[order[hit]])
            found[order[hit[_same_ids(keys, unpack(body)["ids"], at, wanted)]]] = True
        return found

    def write_batch(self, batch_id: str, orders: pd.DataFrame, unknown_codes=None) -> dict:
        """Store one import batch (replacing an earlier write of the same batch) and commit it."""
        entries = self._manifest()
        replaced = entries.pop(plain_id(batch_id, "batch_id"), None)
        if replaced:  # hide the old version before its objects are overwritten
            self._commit(entries)
        index, codes = pd.factorize(np.asarray(orders["customer_code"], dtype=object))
        if (index < 0).any():
            raise ValueError("every order needs a customer_code")
        ordered_at = np.asarray(orders["ordered_at"], dtype=np.int64)
        objects = self._key_objects(batch_id, orders["order_id"])
        objects.update(self._parked_object(batch_id, codes, np.bincount(index, minlength=len(codes)), unknown_codes))
        stores = self._store_index(orders["store"].to_numpy(dtype=str)) if "store" in orders else \
            np.full(len(orders), -1, dtype=np.int32)
        months = self._month_objects(batch_id, {
            "code": self._dictionary_index(codes)[index], "ordered_at": ordered_at,
            "amount_fen": np.asarray(orders["amount_fen"], dtype=np.int64), "store": stores,
            "order_id": encode_text(np.asarray(orders["order_id"], dtype=object))})
        objects.update(months)
        self.s3.put_many(objects)
        entry = {"batch_id": batch_id, "count": len(ordered_at), "months": [key.split("/")[-2] for key in months],
                 "objects": sorted(objects), "created_at": now_iso()}
        self._commit({**entries, batch_id: entry})
        if replaced:
            self.s3.delete(set(replaced["objects"]) - set(objects))
        return entry

    def remove_batch(self, batch_id: str) -> int:
        """Roll a batch back: uncommit it, then delete its objects; the number of orders removed."""
        entries = self._manifest()
        entry = entries.pop(batch_id, None)
        if entry is None:
            return 0
        self._commit(entries)
        self.s3.delete(entry["objects"])
        return entry["count"]

    def read_columns(self, start: int | None = None, end: int | None = None) -> OrderColumns:
        """Committed orders with start <= ordered_at <= end; `customers` are their codes as UTF-8 bytes."""
        paths = [self._month_key(entry, month) for entry in self.batches()
                 for month in entry["months"] if _month_overlaps(month, start, end)]
        bodies, codes_body = self._months_and_codes(paths)
        parts = [_in_range(unpack(body, ORDER_ARRAYS), start, end) for body in bodies]
        columns = {name: np.concatenate([part[name] for part in parts]) if parts else np.empty(0, dtype)
                   for name, dtype in (("code", np.int32), ("ordered_at", np.int64), ("amount_fen", np.int64))}
        dictionary = unpack(codes_body)["codes"] if codes_body else np.empty(0, dtype="S1")
        used = np.zeros(len(dictionary), dtype=bool)  # only the codes with orders in the range
        used[columns["code"]] = True
        renumber = (np.cumsum(used) - 1).astype(np.int32)
        return OrderColumns(renumber[columns["code"]], dictionary[used], columns["ordered_at"], columns["amount_fen"])

    def read_orders(self, start: int | None = None, end: int | None = None) -> pd.DataFrame:
        """Committed orders with start <= ordered_at <= end; customer_code is a Categorical."""
        orders = self.read_columns(start, end)
        customer = pd.Categorical.from_codes(orders.code, categories=decode_text(orders.customers), validate=False)
        return pd.DataFrame({"customer_code": customer, "ordered_at": orders.ordered_at,
                             "amount_fen": orders.amount_fen}, copy=False)  # copying 10 M rows costs 0.5 s

    def full_orders(self) -> pd.DataFrame:
        """Every committed order as imported: order_id, customer_code, ordered_at, amount_fen, store (name or '')."""
        columns, dictionary = self._every_order(("code", "ordered_at", "amount_fen", "store", "order_id"))
        stores = np.append(self.store_names(), "")  # -1 (no store) reads the last one
        return pd.DataFrame({"order_id": decode_text(columns["order_id"]),
                             "customer_code": decode_text(dictionary)[columns["code"]],
                             "ordered_at": columns["ordered_at"], "amount_fen": columns["amount_fen"],
                             "store": stores[columns["store"]]})

    def lifetime(self, codes: np.ndarray) -> dict[str, np.ndarray]:
        """Lifetime figures (domain/lifetime.py) of customers `codes` (sorted 'U'), from every committed order."""
        columns, dictionary = self._every_order(("code", "ordered_at", "amount_fen", "store"))
        return lifetime_columns(codes, _rows_of(codes, dictionary)[columns["code"]], columns["ordered_at"],
                                columns["amount_fen"], columns["store"], self.store_names())

    def customer_orders(self, code: str, page: int = 1, size: int = 20) -> dict:
        """One customer's orders, newest first: {items[{order_id, ordered_at, amount_fen, store}], total}."""
        dictionary = self._dictionary()
        at = np.flatnonzero(dictionary == encode_text([code]))
        if not at.size:
            return {"items": [], "total": 0}
        columns, _ = self._every_order(("code", "ordered_at", "amount_fen", "store", "order_id"), only_code=int(at[0]))
        newest = np.argsort(-columns["ordered_at"], kind="stable")[(page - 1) * size:page * size]
        names = self.store_names()
        stores = columns["store"][newest].tolist()
        return {"total": len(columns["ordered_at"]), "items": [
            {"order_id": order_id, "ordered_at": int(ordered_at), "amount_fen": int(amount),
             "store": names[store] if store >= 0 else ""}
            for order_id, ordered_at, amount, store in zip(decode_text(columns["order_id"][newest]).tolist(),
                                                           columns["ordered_at"][newest].tolist(),
                                                           columns["amount_fen"][newest].tolist(), stores)]}

    def _every_order(self, names: tuple, only_code: int | None = None) -> tuple[dict, np.ndarray]:
        """Columns `names` of every committed order (of one code index, if given) and the code dictionary."""
        paths = [self._month_key(entry, month) for entry in self.batches() for month in entry["months"]]
        bodies, codes_body = self._months_and_codes(paths)
        parts = []
        for body in bodies:
            part = unpack(body, names)
            size = len(part["ordered_at"])
            part.setdefault("store", np.full(size, -1, dtype=np.int32))
            part.setdefault("order_id", np.full(size, b"", dtype="S1"))
            if only_code is not None:
                part = {name: values[part["code"] == only_code] for name, values in part.items()}
            parts.append(part)
        empty = {"code": np.int32, "ordered_at": np.int64, "amount_fen": np.int64, "store": np.int32, "order_id": "S1"}
        columns = {name: np.concatenate([part[name] for part in parts]) if parts else np.empty(0, empty[name])
                   for name in names}
        return columns, unpack(codes_body)["codes"] if codes_body else np.empty(0, dtype="S1")

    def parked(self) -> dict[str, int]:
        """Parked order count per customer code not yet known, over committed batches."""
        totals = Counter()
        for body in self.s3.get_many(self._parked_paths()):
            record = unpack(body)
            totals.update(dict(zip(decode_text(record["codes"]).tolist(), record["counts"].tolist())))
        return dict(totals)

    def attach(self, codes) -> int:
        """These customers now exist: unpark their orders; how many orders were attached."""
        paths = self._parked_paths()
        wanted = encode_text(list(codes))
        attached, rewrites = 0, {}
        for path, body in zip(paths, self.s3.get_many(paths) if wanted.size else []):
            record = unpack(body)
            hit = np.isin(record["codes"], wanted)
            if hit.any():
                attached += int(record["counts"][hit].sum())
                rewrites[path] = pack(codes=record["codes"][~hit], counts=record["counts"][~hit])
        self.s3.put_many(rewrites)
        return attached

    def _key_objects(self, batch_id: str, order_ids) -> dict[str, bytes]:
        ids = np.asarray(order_ids, dtype=object)
        keys = order_keys(ids)
        order = np.argsort(keys, kind="stable")
        return {self._path("keys", batch_id): pack(keys=keys[order]),
                self._path("ids", batch_id): pack(ids=encode_text(ids[order]))}

    def _parked_object(self, batch_id: str, codes: np.ndarray, counts: np.ndarray, unknown_codes) -> dict:
        unknown = pd.Index(codes).isin(list(unknown_codes if unknown_codes is not None else []))
        if not unknown.any():
            return {}
        return {self._path("parked", batch_id):
                pack(codes=encode_text(codes[unknown]), counts=counts[unknown].astype(np.int64))}

    def _months_and_codes(self, paths: list[str]) -> tuple[list, bytes | None]:
        """The month objects (a warm process holds them) and the code dictionary (it changes: always read), in one
        parallel round when some month objects must be fetched."""
        codes = []

        def fetch(missing: list[str]) -> list:
            *bodies, body = self.s3.get_many([*missing, self._dictionary_path()])
            codes.append(body)
            return bodies

        bodies = object_cache.get_many(self.s3.bucket, paths, fetch)
        return bodies, codes[0] if codes else self.s3.get(self._dictionary_path())

    def _month_key(self, entry: dict, month: str) -> str:
        folder = f"{self.prefix}{month}/"
        return next(key for key in entry["objects"] if key.startswith(folder))

    def _month_objects(self, batch_id: str, columns: dict[str, np.ndarray]) -> dict:
        order = np.argsort(columns["ordered_at"], kind="stable")  # months are contiguous in time order
        columns = {name: values[order] for name, values in columns.items()}
        at = columns["ordered_at"]
        months = (at + CHINA_OFFSET).astype("datetime64[s]").astype("datetime64[M]")
        bounds = [0, *(np.flatnonzero(months[1:] != months[:-1]) + 1).tolist(), len(at)] if len(at) else [0]
        written = f"{batch_id}-{secrets.token_hex(4)}"
        return {self._path(str(months[lo]), written): pack(**{name: values[lo:hi] for name, values in columns.items()})
                for lo, hi in zip(bounds[:-1], bounds[1:])}

    def _dictionary_path(self) -> str:
        return self.prefix + "customer_codes.npz"

    def _dictionary(self) -> np.ndarray:
        body = self.s3.get(self._dictionary_path())
        return unpack(body)["codes"] if body else np.empty(0, dtype="S1")

    def _dictionary_index(self, codes: np.ndarray) -> np.ndarray:
        """Index of each code in the tenant's code dictionary, appending (and saving) new codes."""
        stored = self._dictionary()
        index = pd.Index(decode_text(stored)).get_indexer(codes)
        new = index < 0
        if new.any():
            index[new] = np.arange(len(stored), len(stored) + new.sum())
            self.s3.put(self._dictionary_path(),
                        pack(codes=np.concatenate([stored, encode_text(codes[new])])))
        return index.astype(np.int32)

    def _store_index(self, names: np.ndarray) -> np.ndarray:
        """Index of each store name in the tenant's store dictionary ('' -> -1), appending new names."""
        path = self.prefix + "stores.npz"
        body = self.s3.get(path)
        stored = decode_text(unpack(body)["names"]) if body else np.empty(0, dtype="U1")
        index = pd.Index(stored).get_indexer(names)
        new = (index < 0) & (names != "")
        if new.any():
            added = pd.unique(names[new])
            index[new] = len(stored) + pd.Index(added).get_indexer(names[new])
            self.s3.put(path, pack(names=encode_text(np.concatenate([stored, added]))))
        return index.astype(np.int32)

    def store_names(self) -> np.ndarray:
        body = self.s3.get(self.prefix + "stores.npz")
        return decode_text(unpack(body)["names"]) if body else np.empty(0, dtype="U1")

    def _parked_paths(self) -> list[str]:
        parked = f"{self.prefix}parked/"
        return [path for entry in self.batches() for path in entry["objects"] if path.startswith(parked)]

    def _path(self, kind: str, batch_id: str) -> str:
        """Key of a batch's object: kind is keys, ids, parked or a month (YYYY-MM)."""
        return f"{self.prefix}{kind}/{batch_id}.npz"

    def _manifest(self) -> dict[str, dict]:
        body = self.s3.get(self.prefix + "manifest.json")
        return {entry["batch_id"]: entry for entry in json.loads(body)["batches"]} if body else {}

    def _commit(self, entries: dict[str, dict]) -> None:
        document = {"version": 1, "batches": list(entries.values())}
        self.s3.put(self.prefix + "manifest.json", json.dumps(document, ensure_ascii=False).encode())


def _same_ids(keys: np.ndarray, ids: np.ndarray, at: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which key matches are the same order ID; equal keys that differ in ID (a collision) are rare."""
    same = ids[at] == wanted
    for i in np.flatnonzero(~same):
        j = at[i] + 1
        while j < len(keys) and keys[j] == keys[at[i]] and not same[i]:
            same[i] = ids[j] == wanted[i]
            j += 1
    return same


def _rows_of(codes: np.ndarray, dictionary: np.ndarray) -> np.ndarray:
    """Row in sorted `codes` of each dictionary entry (UTF-8 bytes), -1 when not one of them."""
    wanted = encode_text(codes) if len(codes) else np.empty(0, dtype="S1")
    at = np.searchsorted(wanted, dictionary)
    rows = np.where(at < len(wanted), at, -1).astype(np.int64)
    hit = rows >= 0
    hit[hit] = wanted[rows[hit]] == dictionary[hit]
    return np.where(hit, rows, -1)


def _month_overlaps(month: str, start: int | None, end: int | None) -> bool:
    first = np.datetime64(month, "M")
    lo = int(first.astype("datetime64[s]").astype(np.int64)) - CHINA_OFFSET
    hi = int((first + 1).astype("datetime64[s]").astype(np.int64)) - CHINA_OFFSET - 1
    return (start is None or hi >= start) and (end is None or lo <= end)


def _in_range(part: dict, start: int | None, end: int | None) -> dict:
    at = part["ordered_at"]  # sorted within a month object
    lo = 0 if start is None else np.searchsorted(at, start, "left")
    hi = len(at) if end is None else np.searchsorted(at, end, "right")
    return {name: column[lo:hi] for name, column in part.items()}

