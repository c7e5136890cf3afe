"""The opted-out numbers of a tenant as one object, so a pre-send check reads them in one GET, not a query.

Every change of a number's state bumps a version counter (sms_usage, owner tenant, period "opt_out_version")
after the state is written. A reader takes the counter first and uses the object only when it was built at that
version; otherwise it queries the states and stores them tagged with the version it read before the query. So a
stored object is never older than its tag says, and any later change makes the next reader rebuild it."""
from typing import Callable

import numpy as np
from pynamodb.exceptions import DoesNotExist

from chalicelib import config
from chalicelib.adapters.bucket_io import BucketIO, plain_id
from chalicelib.adapters.npz_codec import decode_text, encode_text, pack, unpack
from chalicelib.adapters.sms_models import SmsUsageModel

PERIOD = "opt_out_version"


def _key(tenant_id: str) -> str:
    return f"sms/{plain_id(tenant_id, 'tenant_id')}/opted_out.npz"


def changed(tenant_id: str) -> None:
    """Call after writing a state change: readers rebuild the snapshot."""
    SmsUsageModel(tenant_id, PERIOD).update(actions=[SmsUsageModel.count.add(1)])


def read(tenant_id: str, build: Callable[[], np.ndarray]) -> np.ndarray:
    """The opted-out numbers: the stored snapshot when current, else `build()` (stored for the next reader)."""
    version = _version(tenant_id)
    bucket = BucketIO(config.data_bucket())
    body = bucket.get(_key(tenant_id))
    if body is not None:
        stored = unpack(body)
        if int(stored["version"][0]) == version:
            return decode_text(stored["mobile"])
    mobiles = build()
    bucket.put(_key(tenant_id), pack(version=np.asarray([version], dtype=np.int64), mobile=encode_text(mobiles)))
    return mobiles


def _version(tenant_id: str) -> int:
    try:
        return int(SmsUsageModel.get(tenant_id, PERIOD, consistent_read=True).count)
    except DoesNotExist:
        return 0
