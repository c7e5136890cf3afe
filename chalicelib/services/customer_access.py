"""Which customer a caller may open: one of its tenant, and of its store when the caller is a 店长."""
import numpy as np

from chalicelib.adapters import customers
from chalicelib.errors import NotFound


def visible_customer(tenant_id: str, code: str, store: str = "", columns=("store",), *,
                     customers=customers) -> tuple[dict, dict]:
    """(the stored customer, its row of table `columns`); NotFound when unknown or outside the caller's store."""
    customer = customers.get(tenant_id, code) if code else None
    row = table_row(tenant_id, code, columns, customers=customers) if customer else None
    if customer is None or row is None or (store and row["store"] != store):
        raise NotFound("客户不存在，或不在您可查看的门店范围内", code="CUSTOMER_NOT_FOUND")
    return customer, row


def table_row(tenant_id: str, code: str, names, *, customers=customers) -> dict | None:
    """One customer's values of table columns `names` (rows are sorted by code), or None."""
    columns = customers.columns(tenant_id, list(names))
    codes = columns["customer_code"]
    at = int(np.searchsorted(codes, code))
    if at >= len(codes) or codes[at] != code:
        return None
    return {name: columns[name][at].item() for name in names if name != "tags"}
