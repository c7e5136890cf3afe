"""Saved segments: create, read, change, delete, list with today's sizes, and their members page by page."""
import secrets

from chalicelib.adapters import audit_log, campaign_store, segment_store
from chalicelib.clock import now_iso
from chalicelib.domain.segments import evaluate, parse_rules
from chalicelib.domain.segments.requests import SegmentRequest
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import customers
from chalicelib.services.paging import page_bounds
from chalicelib.services.segments.selection import prepare, select


def count(tenant_id: str, rules: dict, store: str = "") -> dict:
    """How many customers the rules pick now, of how many the caller may see."""
    picked = select(tenant_id, parse_rules(rules), store)
    return {"count": len(picked.rows), "total": picked.in_scope}


def list_segments(tenant_id: str, store: str = "", *, segments=segment_store) -> dict:
    """Every saved segment with its size today (the columns read once for all); one whose rules name a
    deleted analysis is marked stale instead of failing the list."""
    items = sorted(segments.all_of(tenant_id), key=lambda s: s["updated_at"], reverse=True)
    parsed, problems = {}, {}
    for segment in items:
        try:
            parsed[segment["segment_id"]] = parse_rules(segment["rules"])
        except ValidationFailed as wrong:  # rules saved under an older rule language
            problems[segment["segment_id"]] = wrong.message
    if not parsed:
        return {"items": [_stale(segment, problems[segment["segment_id"]]) for segment in items]}
    table, context, scope = prepare(tenant_id, list(parsed.values()), store)
    shown = []
    for segment in items:
        rules = parsed.get(segment["segment_id"])
        try:
            if rules is None:
                raise ValidationFailed(problems[segment["segment_id"]])
            picked = int((evaluate(rules, table, context) & scope).sum())
            shown.append({**segment, "count": picked, "total": int(scope.sum()), "stale": False, "stale_reason": ""})
        except ValidationFailed as stale:  # SegmentStale among them
            shown.append(_stale(segment, stale.message))
    return {"items": shown}


def _stale(segment: dict, reason: str) -> dict:
    return {**segment, "count": None, "total": None, "stale": True, "stale_reason": reason}


def _with_count(tenant_id: str, segment: dict, store: str) -> dict:
    try:
        return {**segment, **count(tenant_id, segment["rules"], store), "stale": False, "stale_reason": ""}
    except ValidationFailed as stale:  # SegmentStale, or rules saved under an older rule language
        return _stale(segment, stale.message)


def create(tenant_id: str, username: str, request: SegmentRequest, *, segments=segment_store) -> dict:
    now = now_iso()
    segment = {"segment_id": f"seg_{secrets.token_hex(8)}", "name": request.name, "rules": request.rules,
               "created_by": username, "created_at": now, "updated_at": now}
    segments.put_new(tenant_id, segment)
    audit_log.record_tenant(tenant_id, username, "保存人群", _named(segment))
    return segment


def _named(segment: dict) -> str:
    return f"{segment['name']}（{segment['segment_id']}）"


def get(tenant_id: str, segment_id: str, store: str = "", *, segments=segment_store) -> dict:
    return _with_count(tenant_id, saved(tenant_id, segment_id, segments=segments), store)


def saved(tenant_id: str, segment_id: str, *, segments=segment_store) -> dict:
    segment = segments.get(tenant_id, segment_id)
    if segment is None:
        raise NotFound("这个人群不存在或已被删除", code="SEGMENT_NOT_FOUND")
    return segment


def update(tenant_id: str, segment_id: str, actor: str, request: SegmentRequest, *,
           segments=segment_store) -> dict:
    if not segments.update(tenant_id, segment_id, request.name, request.rules, now_iso()):
        raise NotFound("这个人群不存在或已被删除", code="SEGMENT_NOT_FOUND")
    audit_log.record_tenant(tenant_id, actor, "修改人群", _named({"name": request.name, "segment_id": segment_id}))
    return saved(tenant_id, segment_id, segments=segments)


def delete(tenant_id: str, segment_id: str, actor: str, *, segments=segment_store, campaigns=campaign_store) -> dict:
    """Remove a segment no campaign still to send targets (a scheduled one would find nobody at its time)."""
    segment = segments.get(tenant_id, segment_id)
    campaign = campaigns.name_using_segment(tenant_id, segment_id) if segment else None
    if campaign:
        raise Conflict(f"活动“{campaign}”正在使用该人群，请等活动完成或删除该活动草稿后再删除", code="SEGMENT_IN_USE")
    if segment is None or not segments.delete(tenant_id, segment_id):
        raise NotFound("这个人群不存在或已被删除", code="SEGMENT_NOT_FOUND")
    audit_log.record_tenant(tenant_id, actor, "删除人群", _named(segment))
    return {"segment_id": segment_id, "deleted": True}


def members(tenant_id: str, segment_id: str, page: int = 1, size: int = 20, store: str = "",
            mobile_visible: bool = True, *, segments=segment_store) -> dict:
    """One page of the customers the segment picks today, shaped like the customer list."""
    page, size, shown = page_bounds(page, size)
    segment = saved(tenant_id, segment_id, segments=segments)
    picked = select(tenant_id, parse_rules(segment["rules"]), store, columns=customers.VIEW_COLUMNS)
    return {"items": customers.views(picked.columns, picked.rows[shown], mobile_visible), "total": len(picked.rows),
            "page": page, "size": size, "segment_id": segment_id, "name": segment["name"]}
