"""A campaign's planned recipients as one .npz object in the data bucket (written once, when planned).

Arrays: customer_code, mobile, name, store, class (text) and group (int8: 0 sent group, 1 control group),
rows in customer_code order. Text is stored as UTF-8 bytes (npz_codec)."""
import numpy as np

from chalicelib import config
from chalicelib.adapters.bucket_io import BucketIO, plain_id
from chalicelib.adapters.npz_codec import decode_text, encode_text, pack, unpack

TEXT = ("customer_code", "mobile", "name", "store", "class")


def _key(tenant_id: str, campaign_id: str) -> str:
    return f"campaigns/{plain_id(tenant_id, 'tenant_id')}/{plain_id(campaign_id, 'campaign_id')}/plan.npz"


def write(tenant_id: str, campaign_id: str, arrays: dict) -> None:
    body = pack(**{name: encode_text(arrays[name]) if name in TEXT else np.asarray(arrays[name], dtype=np.int8)
                   for name in (*TEXT, "group")})
    BucketIO(config.data_bucket()).put(_key(tenant_id, campaign_id), body)


def read(tenant_id: str, campaign_id: str, names=None) -> dict | None:
    """{name: array} of the plan (only `names` when given), or None when the campaign was never planned."""
    body = BucketIO(config.data_bucket()).get(_key(tenant_id, campaign_id))
    if body is None:
        return None
    arrays = unpack(body, names)
    return {name: decode_text(values) if name in TEXT else values for name, values in arrays.items()}
