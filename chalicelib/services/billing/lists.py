"""The staff's fee list (交费管理): every approved tenant's state, filtered, searched and paged; and its export."""
from datetime import datetime

from chalicelib.adapters import audit_log, billing_store, tenant_store
from chalicelib.domain.billing.states import CHINA, GRACE, STATE_LABELS, STATES, STOPPED, china_today
from chalicelib.domain.spreadsheet import Sheet, xlsx_bytes
from chalicelib.domain.tenant_status import APPROVED
from chalicelib.errors import ValidationFailed
from chalicelib.services.billing import status
from chalicelib.services.billing.payments import yuan
from chalicelib.services.paging import page_bounds

VIEWS = ("overdue", "expiring")
SEARCHED = ("company_name", "contact_name", "contact_phone", "username")
EXPORT_HEADERS = ("企业名称", "联系人", "联系手机", "收费套餐", "状态", "试用截止", "服务到期日", "剩余天数",
                  "最近交费金额（元）", "最近交费时间")


def _row(tenant, terms: status.Terms) -> dict:
    payments = billing_store.payments(tenant.tenant_id)
    billing = status.view(tenant, payments, terms=terms)
    last = next((p for p in payments if not p.voided_at), None)
    return {"tenant_id": tenant.tenant_id, "company_name": tenant.company_name, "contact_name": tenant.contact_name,
            "contact_phone": tenant.contact_phone, **{k: billing[k] for k in (
                "fee_plan", "fee_plan_name", "state", "state_label", "trial_ends", "paid_until", "days_left")},
            "last_payment": {"amount_yuan": yuan(int(last.amount_fen)), "paid_at": last.created_at} if last else None}


def _matching(state: str, view: str, q: str) -> tuple[list[dict], dict]:
    """(rows in the state/view matching q, most urgent first; counts per state over the rows matching q)."""
    if state and state not in STATES:
        message = f"状态只能是 {'、'.join(STATES)}"
        raise ValidationFailed(message, [{"field": "state", "message": message}])
    if view and view not in VIEWS:
        message = "视图只能是 overdue（欠费）或 expiring（本月到期）"
        raise ValidationFailed(message, [{"field": "view", "message": message}])
    needle = q.strip().lower()
    terms = status.current_terms()
    rows = [_row(t, terms) for t in tenant_store.list_tenants(APPROVED)
            if not needle or any(needle in (getattr(t, f) or "").lower() for f in SEARCHED)]
    month = china_today().strftime("%Y-%m")
    this_month = [(r["paid_until"] or "").startswith(month) for r in rows]
    counts = {**{s: sum(1 for r in rows if r["state"] == s) for s in STATES}, "expiring_this_month": sum(this_month)}
    chosen = [r for r, ends in zip(rows, this_month) if (not state or r["state"] == state)
              and (view != "overdue" or r["state"] in (GRACE, STOPPED)) and (view != "expiring" or ends)]
    chosen.sort(key=lambda r: (r["paid_until"] is None, r["paid_until"] or "", r["company_name"]))
    return chosen, counts


def fee_list(state: str = "", view: str = "", q: str = "", page: int = 1, size: int = 20) -> dict:
    """Approved tenants' fee states: a page of them, the total and the count per state."""
    page, size, window = page_bounds(page, size)
    rows, counts = _matching(state, view, q)
    return {"items": rows[window], "total": len(rows), "page": page, "size": size, "counts": counts}


def export(state: str = "", view: str = "", q: str = "", actor: str = "") -> tuple[bytes, str]:
    """The same list as an xlsx workbook (交费管理.xlsx), times in China time; audited (contacts and mobiles)."""
    rows, _ = _matching(state, view, q)
    label = STATE_LABELS.get(state) or {"overdue": "欠费", "expiring": "本月到期"}.get(view, "全部")
    sheet = Sheet(label, EXPORT_HEADERS, [_export_row(r) for r in rows])
    audit_log.record("billing#export", actor, "导出交费列表", f"{label}，{len(rows)} 家企业")
    return xlsx_bytes([sheet]), "交费管理.xlsx"


def _export_row(row: dict) -> list:
    last = row["last_payment"] or {}
    paid_at = last.get("paid_at")
    return [row["company_name"], row["contact_name"], row["contact_phone"], row["fee_plan_name"], row["state_label"],
            row["trial_ends"] or "", row["paid_until"] or "", row["days_left"], last.get("amount_yuan"),
            datetime.fromisoformat(paid_at).astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if paid_at else ""]
