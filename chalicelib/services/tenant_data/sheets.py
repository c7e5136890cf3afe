"""The tables of a tenant's full export: one CSV (UTF-8 with BOM, opens in Excel) per kind of data.

Each sheet is every stored attribute of the tenant's items in that table, as stored (secrets left out:
password hashes, token versions, API key hashes)."""
import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from chalicelib.adapters import customers, tenant_items
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.import_spec import CUSTOMER_COLUMNS, ORDER_COLUMNS
from chalicelib.domain.spreadsheet import csv_bytes

CHINA = timezone(timedelta(hours=8))
SECRETS = {"password_hash", "token_version", "key_hash"}
ORDER_HEADERS = {column.field: column.header for column in ORDER_COLUMNS}
CUSTOMER_HEADERS = {column.field: column.header for column in CUSTOMER_COLUMNS}
CUSTOMER_EXTRAS = {"rfm_class": "当前客户分类", "created_at": "创建时间", "updated_at": "更新时间",
                   "last_import_id": "最近导入批次"}


def _plain(value):
    if isinstance(value, (list, dict, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, default=str)
    return "" if value is None else value


def _rows(items: Iterable[dict]) -> list[dict]:
    return [{k: _plain(v) for k, v in item.items() if k not in SECRETS} for item in items]


def to_csv(rows: list[dict]) -> bytes:
    """Every column any row has; text a spreadsheet would run as a formula is escaped (domain/spreadsheet.py)."""
    columns = list(dict.fromkeys(name for row in rows for name in row))
    return csv_bytes(columns or ["（无数据）"], ([row.get(name, "") for name in columns] for row in rows))


def _customers(tid):
    """The customer template's columns first, written as an import reads them (tags joined, 是/否), so the sheet
    imports again; then what the platform keeps besides (class, times), under Chinese names."""
    return [{**{CUSTOMER_HEADERS[name]: _customer_value(name, {**fields, "customer_code": code}.get(name))
                for name in CUSTOMER_HEADERS},
             **{label: _plain(fields.get(name)) for name, label in CUSTOMER_EXTRAS.items()}}
            for code, fields in sorted(customers.all_of(tid).items())]


def _customer_value(name: str, value):
    if name == "tags":
        return ",".join(value or [])
    if name == "sms_consent":
        return "是" if value else "否"
    return _plain(value)


def _orders(tid):
    """Under the order template's headers: the sheet imports again as it is (the same order numbers)."""
    orders = OrderStore(tid).full_orders()
    return [{ORDER_HEADERS["order_id"]: order_id, ORDER_HEADERS["customer_code"]: code,
             ORDER_HEADERS["ordered_at"]: datetime.fromtimestamp(at, CHINA).strftime("%Y-%m-%d %H:%M:%S"),
             ORDER_HEADERS["amount"]: Decimal(fen).scaleb(-2), ORDER_HEADERS["store"]: store}
            for order_id, code, at, fen, store in zip(*(orders[name].tolist() for name in orders.columns))]


def _table(table: str) -> Callable[[str], list[dict]]:
    """Every item of the tenant in `table` (adapters/tenant_items.py), secrets left out."""
    return lambda tid: _rows(tenant_items.rows(table, tid))


SHEETS: list[tuple[str, Callable[[str], list[dict]]]] = [
    ("企业资料", _table("tenants")), ("账号", _table("users")), ("客户", _customers), ("订单", _orders),
    ("导入记录", _table("imports")), ("分析", _table("analyses")), ("人群", _table("segments")),
    ("跟进记录", _table("follow_ups")), ("短信同意记录", _table("consent_events")),
    ("导入字段映射", _table("import_mappings")), ("短信设置", _table("sms_settings")),
    ("短信模板", _table("sms_templates")), ("营销活动", _table("campaigns")), ("短信记录", _table("sms_messages")),
    ("退订台账", _table("opt_outs")), ("交费记录", _table("billing")), ("接口密钥", _table("api_keys")),
]
