"""The set of customer codes a tenant has (customers/<tenant_id>/codes.npz), for fast lookups during imports;
a private part of adapters/customers.py, which adds the codes of new customers with their items and table rows."""
import numpy as np

from chalicelib import config
from chalicelib.adapters.bucket_io import BucketIO, plain_id
from chalicelib.adapters.npz_codec import decode_text, encode_text, pack, unpack


class CustomerCodeIndex:
    """The set of customer codes a tenant has, kept beside the orders for fast lookups."""

    def __init__(self, tenant_id: str, bucket: str | None = None):
        self.s3 = BucketIO(bucket or config.data_bucket())
        self.path = f"customers/{plain_id(tenant_id, 'tenant_id')}/codes.npz"

    def load(self) -> np.ndarray:
        """Sorted unique codes ('U' strings)."""
        return decode_text(self._stored())

    def count(self) -> int:
        return len(self._stored())

    def add(self, codes) -> list[str]:
        """Add codes; those that were not there yet (what remove() takes back after a failed write)."""
        stored = self._stored()
        merged = np.union1d(stored, encode_text(list(codes)))  # UTF-8 bytes sort in code point order
        if len(merged) > len(stored):
            self.s3.put(self.path, pack(codes=merged))
        return decode_text(np.setdiff1d(merged, stored)).tolist()

    def remove(self, codes) -> None:
        stored = self._stored()
        kept = np.setdiff1d(stored, encode_text(list(codes)))
        if len(kept) < len(stored):
            self.s3.put(self.path, pack(codes=kept))

    def contains(self, codes) -> np.ndarray:
        """True per code the tenant has."""
        stored, wanted = self._stored(), encode_text(list(codes))
        if not len(stored):
            return np.zeros(len(wanted), dtype=bool)
        return stored[np.minimum(np.searchsorted(stored, wanted), len(stored) - 1)] == wanted

    def _stored(self) -> np.ndarray:
        body = self.s3.get(self.path)
        return unpack(body)["codes"] if body else np.empty(0, dtype="S1")
