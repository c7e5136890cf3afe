"""退订台账: numbers that must never get a marketing SMS again, fed by replies, imports, the customer page, the
bulk API and the ledger page; every entry is kept as evidence (source, reference, who, when)."""
from chalicelib.adapters import audit_log, opt_out_ledger, user_store
from chalicelib.clock import now_iso
from chalicelib.domain.fields import mask_mobile, normalize_mobile
from chalicelib.domain.sms.requests import BulkOptOutRequest, OptOutRequest
from chalicelib.errors import Unprocessable, ValidationFailed
from chalicelib.services import api_keys
from chalicelib.services.paging import page_bounds

SOURCE_LABELS = {"reply": "退订回复", "import": "数据导入", "detail": "客户详情", "api": "接口", "manual": "手工登记"}
BULK_MAX = 1000


def add(tenant_id: str, actor: str, request: OptOutRequest, *, ledger=opt_out_ledger,
        audit=audit_log) -> tuple[dict, bool]:
    """登记退订 from the ledger page: (the number's entry, whether it was newly opted out)."""
    mobile = _valid_mobile(request.mobile)
    entry = {"mobile": mobile, "source": "manual", "source_ref": "", "by": actor, "at": now_iso()}
    created = bool(ledger.opt_out(tenant_id, [entry]))
    if created:
        audit.record_tenant(tenant_id, actor, "登记退订", mask_mobile(mobile))
    state = ledger.state(tenant_id, mobile) or entry
    return {"mobile": mobile, "opted_out": True, "source": state["source"], "at": state["at"]}, created


def add_by_api_key(api_key: str, request: BulkOptOutRequest, *, ledger=opt_out_ledger) -> dict:
    """An ERP reports opt-outs with the tenant's API key: {received, opted_out, already, repeated, invalid[]}
    (every number received is in exactly one of them)."""
    tenant_id, key_name = api_keys.holder_of(api_key)
    if not 0 < len(request.mobiles) <= BULK_MAX:
        raise ValidationFailed(f"mobiles 应包含 1–{BULK_MAX} 个手机号，本次 {len(request.mobiles)} 个：请分批提交")
    at, entries, invalid, repeated = now_iso(), {}, [], 0
    for index, raw in enumerate(request.mobiles):
        try:
            mobile = normalize_mobile(raw)
        except ValueError as error:
            invalid.append({"index": index, "mobile": raw, "message": str(error)})
            continue
        repeated += mobile in entries
        entries[mobile] = {"mobile": mobile, "source": "api", "source_ref": "", "by": f"API 密钥：{key_name}",
                           "at": at}
    changed = ledger.opt_out(tenant_id, list(entries.values())) if entries else []
    return {"received": len(request.mobiles), "opted_out": len(changed), "already": len(entries) - len(changed),
            "repeated": repeated, "invalid": invalid}


def page(tenant_id: str, q: str, page_no: int, size: int, mobile_visible: bool, *, ledger=opt_out_ledger,  # noqa: PLR0913
         users=user_store) -> dict:
    page_no, size, _ = page_bounds(page_no, size)
    digits = "".join(ch for ch in q if ch.isdigit())
    if q.strip() and not digits:  # the ledger holds numbers only: words find nothing
        return {"items": [], "total": 0}
    items, total = ledger.page(tenant_id, digits, page_no, size)
    names = users.display_names(item["by"] for item in items)  # a login name; an API key's entry names the key
    return {"items": [{**_view(item, mobile_visible), "by_name": names.get(item["by"], item["by"])} for item in items],
            "total": total}


def history(tenant_id: str, raw_mobile: str, mobile_visible: bool, *, ledger=opt_out_ledger) -> dict:
    """Every opt-out and opt-in of one number, newest first, and whether it is opted out now."""
    mobile = _valid_mobile(raw_mobile)
    items = [{**_view(item, mobile_visible), "opted_out": item["opted_out"]} for item in ledger.history(tenant_id, mobile)]
    return {"mobile": mobile if mobile_visible else mask_mobile(mobile), "opted_out": ledger.is_opted_out(tenant_id, mobile),
            "items": items}


def from_import(tenant_id: str, consent_events: list[dict], *, ledger=opt_out_ledger) -> list[str]:
    """An import's consent withdrawals (短信同意 是 → 否) join the ledger; its 是 never clears an opt-out."""
    entries = [{"mobile": e["mobile"], "source": "import", "source_ref": e.get("source_ref") or "", "by": e.get("by") or "",
                "at": e["at"]} for e in consent_events if not e["sms_consent"] and e.get("mobile")]
    return ledger.opt_out(tenant_id, entries) if entries else []


def from_detail(tenant_id: str, mobile: str, consent: bool, by: str, at: str, *, ledger=opt_out_ledger) -> bool:
    """The customer page's consent switch: off opts the number out, on takes it off the ledger (with the
    user as evidence); True when the ledger changed."""
    if not mobile:
        return False
    if not consent:
        entry = {"mobile": mobile, "source": "detail", "source_ref": "", "by": by, "at": at}
        return bool(ledger.opt_out(tenant_id, [entry]))
    return ledger.is_opted_out(tenant_id, mobile) and ledger.opt_in(tenant_id, mobile, "detail", by, at)


def _valid_mobile(raw: str) -> str:
    try:
        return normalize_mobile(raw)
    except ValueError as error:
        raise Unprocessable(str(error), [{"field": "mobile", "message": str(error)}], code="INVALID_MOBILE") from None


def _view(item: dict, mobile_visible: bool) -> dict:
    return {"mobile": item["mobile"] if mobile_visible else mask_mobile(item["mobile"]), "source": item["source"],
            "source_label": SOURCE_LABELS.get(item["source"], item["source"]), "source_ref": item["source_ref"],
            "by": item["by"], "at": item["at"]}


def current(tenant_id: str, mobile: str, *, ledger=opt_out_ledger) -> dict | None:
    """The ledger entry that keeps this number from marketing SMS (for the customer page); None when it may get them."""
    item = ledger.state(tenant_id, mobile) if mobile else None
    return {key: value for key, value in _view(item, True).items() if key != "mobile"} if item else None
