"""跟进记录: a customer's follow-ups, adding one, and the customers due for their next one (home page)."""
from chalicelib.adapters import customers, follow_up_store
from chalicelib.clock import now_iso
from chalicelib.domain import follow_ups as rules
from chalicelib.domain.follow_ups import FollowUpRequest
from chalicelib.domain.rfm.params import china_today
from chalicelib.services.customer_access import visible_customer

MAX_DUE = 200  # the home page card lists the longest-overdue first


def of_customer(tenant_id: str, code: str, store: str = "") -> dict:
    visible_customer(tenant_id, code, store)
    return {"items": [_view(entry) for entry in follow_up_store.of_customer(tenant_id, code)]}


def latest(tenant_id: str, code: str) -> dict | None:
    """The customer's newest follow-up (the caller has checked it may see the customer)."""
    found = follow_up_store.of_customer(tenant_id, code, limit=1)
    return _view(found[0]) if found else None


def add(tenant_id: str, code: str, username: str, request: FollowUpRequest, store: str = "") -> dict:
    """Record a follow-up of the customer; its next date (if any) replaces the customer's earlier one."""
    visible_customer(tenant_id, code, store)
    rules.check_not_future(request.followed_at, china_today())
    entry = follow_up_store.add(tenant_id, {"customer_code": code, **request.model_dump(), "created_by": username,
                                            "created_at": now_iso("microseconds")})
    return _view(entry)


def due(tenant_id: str, store: str = "") -> dict:
    """Customers whose newest follow-up names a next date on or before today (China date), most overdue first."""
    today = china_today().isoformat()
    entries = rules.due(follow_up_store.due_until(tenant_id, today), today)
    if store:
        columns = customers.columns(tenant_id, ["store"])
        mine = set(columns["customer_code"][columns["store"] == store].tolist())
        entries = [entry for entry in entries if entry["customer_code"] in mine]
    total, entries = len(entries), entries[:MAX_DUE]
    names = customers.get_many(tenant_id, [entry["customer_code"] for entry in entries])
    return {"items": [{**_view(entry), "name": names[entry["customer_code"]]["name"]}
                      for entry in entries if entry["customer_code"] in names], "total": total, "today": today}


def _view(entry: dict) -> dict:
    return {"customer_code": entry["customer_code"], "followed_at": entry["followed_at"], "way": entry["way"],
            "content": entry["content"], "next_date": entry["next_date"] or None, "by": entry["created_by"],
            "created_at": entry["created_at"]}
