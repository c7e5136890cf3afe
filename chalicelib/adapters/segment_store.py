"""Saved segments (人群) in DynamoDB: tenant_id + segment_id; the rules are kept as the JSON the API took."""
import json

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import SegmentModel

FIELDS = ("segment_id", "name", "created_by", "created_at", "updated_at")


def put_new(tenant_id: str, segment: dict) -> None:
    """Save {segment_id, name, rules, created_by, created_at, updated_at} (the id is fresh)."""
    SegmentModel(tenant_id, segment["segment_id"], name=segment["name"], rules=_dump(segment["rules"]),
                 created_by=segment["created_by"], created_at=segment["created_at"],
                 updated_at=segment["updated_at"]).save()


def get(tenant_id: str, segment_id: str) -> dict | None:
    try:
        return _as_dict(SegmentModel.get(tenant_id, segment_id, consistent_read=True))
    except DoesNotExist:
        return None


def all_of(tenant_id: str) -> list[dict]:
    return [_as_dict(item) for item in SegmentModel.query(tenant_id)]


def update(tenant_id: str, segment_id: str, name: str, rules: dict, updated_at: str) -> bool:
    """False when the segment does not exist (deleted meanwhile): nothing is written then."""
    return conditional(SegmentModel(tenant_id, segment_id).update,
                       actions=[SegmentModel.name.set(name), SegmentModel.rules.set(_dump(rules)),
                                SegmentModel.updated_at.set(updated_at)],
                       condition=SegmentModel.segment_id.exists())


def delete(tenant_id: str, segment_id: str) -> bool:
    return conditional(SegmentModel(tenant_id, segment_id).delete, condition=SegmentModel.segment_id.exists())


def _dump(rules: dict) -> str:
    return json.dumps(rules, ensure_ascii=False, separators=(",", ":"))


def _as_dict(item: SegmentModel) -> dict:
    return {**{name: getattr(item, name) for name in FIELDS}, "rules": json.loads(item.rules)}
