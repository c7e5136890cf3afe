"""Where analyses live: the header in DynamoDB (analyses table), per-customer results as .npz in the data bucket.

Results: previews/<tenant_id>/<analysis_id>.npz while a preview (the bucket expires that prefix),
analyses/<tenant_id>/<analysis_id>.npz once saved. Columns: code (UTF-8 'S'), recency_days,
frequency, monetary (fen, float), net_fen, r_score, f_score, m_score, rfm_class (0-7).
"""
import json
import time
from datetime import datetime, timezone

import numpy as np
import pandas as pd
from pynamodb.exceptions import DoesNotExist

from chalicelib import config
from chalicelib.adapters.bucket_io import BucketIO, plain_id
from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import AnalysisModel
from chalicelib.adapters.npz_codec import decode_text, encode_text, pack, unpack

HEADER_FIELDS = ("analysis_id", "kind", "status", "start", "end", "m_mode", "threshold", "created_at", "created_by",
                 "saved_at", "pinned_at")
RESULT_TYPES = {"recency_days": np.int32, "frequency": np.int32, "monetary": np.float64, "net_fen": np.int64,
                "r_score": np.int8, "f_score": np.int8, "m_score": np.int8, "rfm_class": np.int8}


def put_header(tenant_id: str, header: dict, keep_seconds: int | None = None) -> None:
    item = AnalysisModel(tenant_id, header["analysis_id"], summary=json.dumps(header["summary"], ensure_ascii=False),
                         class_update=header.get("class_update"),
                         **{name: header.get(name) for name in HEADER_FIELDS if name != "analysis_id"})
    if keep_seconds:
        item.ttl = datetime.fromtimestamp(time.time() + keep_seconds, timezone.utc)
    item.save()


def get_header(tenant_id: str, analysis_id: str) -> dict | None:
    try:
        item = AnalysisModel.get(tenant_id, analysis_id, consistent_read=True)
    except DoesNotExist:
        return None
    if item.ttl and item.ttl < datetime.now(timezone.utc):
        return None  # expired preview DynamoDB has not removed yet
    return _as_dict(item)


def saved_headers(tenant_id: str) -> list[dict]:
    """Every saved analysis of the tenant, newest window end first (read consistently: which one is in force
    is decided on it right after a save)."""
    items = [_as_dict(item) for item in AnalysisModel.query(tenant_id, filter_condition=AnalysisModel.status == "saved",
                                                            consistent_read=True)]
    return sorted(items, key=lambda h: (h["end"], h["saved_at"] or ""), reverse=True)


def mark_saved(tenant_id: str, analysis_id: str, saved_at: str, class_update: dict) -> None:
    AnalysisModel(tenant_id, analysis_id).update(actions=[
        AnalysisModel.status.set("saved"), AnalysisModel.saved_at.set(saved_at),
        AnalysisModel.class_update.set(class_update), AnalysisModel.ttl.remove()])


def set_class_update(tenant_id: str, analysis_id: str, class_update: dict) -> bool:
    """False when the analysis was deleted meanwhile (nothing is written then)."""
    return conditional(AnalysisModel(tenant_id, analysis_id).update,
                       actions=[AnalysisModel.class_update.set(class_update)],
                       condition=AnalysisModel.analysis_id.exists())


def pin(tenant_id: str, analysis_id: str, pinned_at: str, class_update: dict) -> bool:
    """设为当前分类: one conditional write, so a deleted or unsaved analysis is never pinned; False then."""
    return conditional(AnalysisModel(tenant_id, analysis_id).update,
                       actions=[AnalysisModel.pinned_at.set(pinned_at), AnalysisModel.class_update.set(class_update)],
                       condition=AnalysisModel.status == "saved")


def delete_header(tenant_id: str, analysis_id: str) -> None:
    AnalysisModel(tenant_id, analysis_id).delete()


class ResultStore:
    """Per-customer results of one tenant's analyses."""

    def __init__(self, tenant_id: str):
        self.s3 = BucketIO(config.data_bucket())
        self.tenant = plain_id(tenant_id, "tenant_id")

    def write(self, analysis_id: str, customers: pd.DataFrame, preview: bool) -> None:
        columns = {name: customers[name].to_numpy(dtype) for name, dtype in RESULT_TYPES.items()}
        self.s3.put(self._key(analysis_id, preview), pack(code=encode_text(customers["customer_code"].to_numpy()),
                                                          **columns))

    def read(self, analysis_id: str, preview: bool = False) -> pd.DataFrame | None:
        body = self.s3.get(self._key(analysis_id, preview))
        if body is None:
            return None
        arrays = unpack(body)
        return pd.DataFrame({"customer_code": decode_text(arrays.pop("code")), **arrays})

    def promote(self, analysis_id: str) -> None:
        """The preview's results become the saved snapshot's."""
        self.s3.copy(self._key(analysis_id, True), self._key(analysis_id, False))

    def delete(self, analysis_id: str) -> None:
        self.s3.delete([self._key(analysis_id, True), self._key(analysis_id, False)])

    def _key(self, analysis_id: str, preview: bool) -> str:
        folder = "previews" if preview else "analyses"
        return f"{folder}/{self.tenant}/{plain_id(analysis_id, 'analysis_id')}.npz"


def _as_dict(item: AnalysisModel) -> dict:
    header = {name: getattr(item, name) for name in HEADER_FIELDS}
    header["summary"] = json.loads(item.summary)
    header["class_update"] = item.class_update.as_dict() if item.class_update else None
    return header
