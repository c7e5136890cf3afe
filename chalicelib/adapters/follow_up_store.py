"""跟进记录 in DynamoDB (follow_ups table): tenant_id + "<customer_code>#<created_at>#<random>".

Only a customer's newest follow-up carries `due_date` (its next date), so the due index holds one
entry per customer at most and stays small: adding a follow-up removes `due_date` from the older
ones after the new one is saved. Whoever saves last clears everyone before it, so two follow-ups
added at once still leave only the newest due (and readers keep the newest per customer anyway).
"""
import secrets

from chalicelib.adapters.models import FollowUpModel

FIELDS = ("customer_code", "followed_at", "way", "content", "next_date", "created_by", "created_at")


def add(tenant_id: str, follow_up: dict) -> dict:
    """Save a follow-up {customer_code, followed_at, way, content, next_date, created_by, created_at}; it as stored."""
    code, created_at = follow_up["customer_code"], follow_up["created_at"]
    key = f"{code}#{created_at}#{secrets.token_hex(4)}"
    item = FollowUpModel(tenant_id, key, **{name: follow_up[name] or None for name in FIELDS},
                         due_date=follow_up["next_date"] or None)
    item.save()
    for older in FollowUpModel.query(tenant_id, FollowUpModel.entry_key.startswith(f"{code}#"),
                                     filter_condition=(FollowUpModel.customer_code == code)
                                     & FollowUpModel.due_date.exists()):
        if older.entry_key < key:
            older.update(actions=[FollowUpModel.due_date.remove()])
    return _as_dict(item)


def of_customer(tenant_id: str, code: str, limit: int | None = None) -> list[dict]:
    """The customer's follow-ups, newest first."""
    items = FollowUpModel.query(tenant_id, FollowUpModel.entry_key.startswith(f"{code}#"),
                                filter_condition=FollowUpModel.customer_code == code, scan_index_forward=False)
    found = []
    for item in items:  # not `limit=`: DynamoDB applies it before the filter
        found.append(_as_dict(item))
        if limit is not None and len(found) >= limit:
            break
    return found


def due_until(tenant_id: str, day: str) -> list[dict]:
    """The newest follow-ups whose next date is on or before `day`, from the sparse due index."""
    return [_as_dict(item) for item in FollowUpModel.due_index.query(tenant_id, FollowUpModel.due_date <= day)]


def newest_by_customer(tenant_id: str) -> dict[str, dict]:
    """customer_code -> its newest follow-up, for every customer followed up (call lists): one query, as
    keys sort by customer and then time, the last entry of each customer is its newest."""
    return {item.customer_code: _as_dict(item) for item in FollowUpModel.query(tenant_id)}


def _as_dict(item: FollowUpModel) -> dict:
    data = {name: getattr(item, name) or "" for name in FIELDS}
    data["entry_key"] = item.entry_key
    return data
