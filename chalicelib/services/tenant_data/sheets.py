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
    return [_customer_row({**fields, "customer_code": code}) for code, fields in sorted(customers.all_of(tid).items())]


def _customer_row(record: dict) -> dict:
    return {**{header: _customer_value(name, record.get(name)) for name, header in CUSTOMER_HEADERS.items()},
            **{label: _plain(record.get(name)) for name, label in CUSTOMER_EXTRAS.items()}}


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


# The tenant's data in Chinese, as the export's sheets and the deletion certificate name it (orders live in S3).
TABLE_LABELS = {"tenants": "企业资料", "users": "账号", "customers": "客户", "orders": "订单", "imports": "导入记录",
                "analyses": "分析", "segments": "人群", "follow_ups": "跟进记录", "consent_events": "短信同意记录",
                "import_mappings": "导入字段映射", "sms_settings": "短信设置", "sms_templates": "短信模板",
                "campaigns": "营销活动", "sms_messages": "短信记录", "opt_outs": "退订台账", "billing": "交费记录",
                "api_keys": "接口密钥", "sms_usage": "短信用量"}
_AS_IMPORTED = {"customers": _customers, "orders": _orders}  # the import templates' form; the rest as stored
SHEETS: list[tuple[str, Callable[[str], list[dict]]]] = [
    (TABLE_LABELS[name], _AS_IMPORTED.get(name) or _table(name)) for name in TABLE_LABELS if name != "sms_usage"]
