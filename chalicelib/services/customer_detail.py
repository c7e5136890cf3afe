"""客户详情: one customer's profile, consent and its evidence, lifetime figures, class timeline and orders."""
from datetime import datetime, timedelta, timezone

import numpy as np

from chalicelib.adapters import consent_log
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.customer_columns import MISSING_DAY, day_number, day_text, mask_mobile
from chalicelib.domain.rfm.params import china_today
from chalicelib.domain.rfm_classes import NOT_ANALYSED
from chalicelib.domain.segments import auto_tags
from chalicelib.services import follow_ups
from chalicelib.services.analyses.class_timeline import timeline
from chalicelib.services.analyses.view import yuan
from chalicelib.services.customer_access import visible_customer
from chalicelib.services.paging import page_bounds
from chalicelib.services.sms import opt_outs

ROW_COLUMNS = ("store", "first_order_day", "last_order_day", "order_count", "total_fen", *auto_tags.COLUMNS)
CHINA = timezone(timedelta(hours=8))


def detail(tenant_id: str, code: str, store: str = "", mobile_visible: bool = True) -> dict:
    """Everything the 客户详情 page shows of one customer."""
    customer, row = visible_customer(tenant_id, code, store, ROW_COLUMNS)
    steps, explanation = timeline(tenant_id, code)
    return {"customer": _profile(customer, row, mobile_visible),
            "consent_history": consent_log.history(tenant_id, code),
            "opt_out": opt_outs.current(tenant_id, customer["mobile"]),
            "lifetime": _lifetime(row), "timeline": steps, "explanation": explanation,
            "last_follow_up": follow_ups.latest(tenant_id, code)}


def _profile(customer: dict, row: dict, mobile_visible: bool) -> dict:
    number = customer["id_number"] or ""
    today = day_number(china_today().isoformat())
    return {"customer_code": customer["customer_code"], "name": customer["name"],
            "mobile": customer["mobile"] if mobile_visible else mask_mobile(customer["mobile"]),
            "gender": customer["gender"], "birthday": customer["birthday"], "region": customer["region"],
            "id_number_masked": f"{number[:6]}********{number[-4:]}" if len(number) == 18 else "",
            "tags": customer["tags"], "store": row["store"], "sms_consent": bool(customer["sms_consent"]),
            "rfm_class": customer["rfm_class"] or NOT_ANALYSED,
            "auto_tags": auto_tags.tag_lists({name: np.array([row[name]]) for name in auto_tags.COLUMNS}, today)[0],
            "created_at": customer["created_at"], "updated_at": customer["updated_at"]}


def _lifetime(row: dict) -> dict:
    count, total = int(row["order_count"]), int(row["total_fen"])
    return {"first_order_date": _date(row["first_order_day"]), "last_order_date": _date(row["last_order_day"]),
            "order_count": count, "total_spent": yuan(total), "average_spent": yuan(total / count) if count else None}


def _date(day: int) -> str | None:
    return None if day == MISSING_DAY else day_text(day)


def orders(tenant_id: str, code: str, store: str = "", page: int = 1, size: int = 20) -> dict:
    """The customer's orders, newest first, a page at a time (amounts in yuan, times in China time)."""
    visible_customer(tenant_id, code, store)
    page, size, _ = page_bounds(page, size)
    found = OrderStore(tenant_id).customer_orders(code, page, size)
    items = [{"order_id": o["order_id"], "amount": yuan(o["amount_fen"]), "store": o["store"],
              "ordered_at": datetime.fromtimestamp(o["ordered_at"], CHINA).strftime("%Y-%m-%d %H:%M:%S")}
             for o in found["items"]]
    return {"items": items, "total": found["total"], "page": page, "size": size}
