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
PENDING = "pending"  # the class update waits for the worker (services/analyses/class_update.py)
RESULT_TYPES = {"recency_days": np.int32, "frequency": np.int32, "monetary": np.float64, "net_fen": np.int64,
                "r_score": np.int8, "f_score": np.int8, "m_score": np.int8, "rfm_class": np.int8}


def put_header(tenant_id: str, header: dict, keep_seconds: int | None = None) -> None:
    item = AnalysisModel(tenant_id, header["analysis_id"], summary=json.dumps(header["summary"], ensure_ascii=False),
                         class_update=header.get("class_update"),
                         **{name: header.get(name) for name in HEADER_FIELDS if name != "analysis_id"})
    if keep_seconds:
        item.ttl = datetime.fromtimestamp(time.time() + keep_seconds, timezone.utc)
    if (header.get("class_update") or {}).get("status") == PENDING:
        item.class_update_pending, item.pending_since = PENDING, _now()
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


def mark_saved(tenant_id: str, analysis_id: str, saved_at: str, class_update: dict) -> bool:
    """Turn the preview into a saved analysis; False when it already was (a parallel save got there first)."""
    return conditional(AnalysisModel(tenant_id, analysis_id).update, actions=[
        AnalysisModel.status.set("saved"), AnalysisModel.saved_at.set(saved_at), AnalysisModel.ttl.remove(),
        *_class_update_actions(class_update)], condition=AnalysisModel.status != "saved")


def set_class_update(tenant_id: str, analysis_id: str, class_update: dict) -> bool:
    """False when the analysis was deleted meanwhile (nothing is written then)."""
    return conditional(AnalysisModel(tenant_id, analysis_id).update,
                       actions=_class_update_actions(class_update),
                       condition=AnalysisModel.analysis_id.exists())


def pin(tenant_id: str, analysis_id: str, pinned_at: str, class_update: dict) -> bool:
    """设为当前分类: one conditional write, so a deleted or unsaved analysis is never pinned; False then."""
    return conditional(AnalysisModel(tenant_id, analysis_id).update,
                       actions=[AnalysisModel.pinned_at.set(pinned_at), *_class_update_actions(class_update)],
                       condition=AnalysisModel.status == "saved")


def pending_class_updates(before: str, limit: int = 500) -> list[dict]:
    """{tenant_id, analysis_id, pending_since} of every tenant's class update pending since before `before`."""
    found = AnalysisModel.pending_class_update_index.query(PENDING, AnalysisModel.pending_since < before,
                                                           limit=limit)
    return [{"tenant_id": item.tenant_id, "analysis_id": item.analysis_id, "pending_since": item.pending_since}
            for item in found]


def claim_requeue(tenant_id: str, analysis_id: str, seen_since: str, at: str) -> bool:
    """Restart the pending clock at `at`, only if nobody moved it since `seen_since` was read: of two housekeeping
    runs (or a retried one) exactly one re-queues; False for the others or when the update left pending."""
    return conditional(AnalysisModel(tenant_id, analysis_id).update,
                       actions=[AnalysisModel.pending_since.set(at)],
                       condition=(AnalysisModel.class_update_pending == PENDING)
                       & (AnalysisModel.pending_since == seen_since))


def _class_update_actions(class_update: dict) -> list:
    """Set the class update, and the sparse index marker with it: present exactly while it is pending."""
    actions = [AnalysisModel.class_update.set(class_update)]
    if class_update.get("status") == PENDING:
        return [*actions, AnalysisModel.class_update_pending.set(PENDING), AnalysisModel.pending_since.set(_now())]
    return [*actions, AnalysisModel.class_update_pending.remove(), AnalysisModel.pending_since.remove()]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


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
