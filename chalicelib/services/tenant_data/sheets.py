"""The tables of a tenant's full export: one CSV (UTF-8 with BOM, opens in Excel) per kind of data.

Each sheet is every stored attribute of the tenant's items in that table, as stored (secrets left out:
password hashes, token versions, API key hashes)."""
import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import customer_store
from chalicelib.adapters.models import (
    AnalysisModel,
    ApiKeyModel,
    ConsentEventModel,
    FollowUpModel,
    ImportJobModel,
    ImportMappingModel,
    SegmentModel,
    TenantModel,
    UserModel,
)
from chalicelib.adapters.order_store import OrderStore
from chalicelib.adapters.platform_models import BillingModel
from chalicelib.adapters.sms_models import (
    CampaignModel,
    OptOutModel,
    SmsMessageModel,
    SmsSettingsModel,
    SmsTemplateModel,
)

CHINA = timezone(timedelta(hours=8))
SECRETS = {"password_hash", "token_version", "key_hash"}


def _plain(value):
    if isinstance(value, (list, dict, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, default=str)
    return "" if value is None else value


def _rows(items: Iterable) -> list[dict]:
    return [{k: _plain(v) for k, v in item.attribute_values.items() if k not in SECRETS} for item in items]


def to_csv(rows: list[dict]) -> bytes:
    columns = list(dict.fromkeys(name for row in rows for name in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or ["（无数据）"])
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _tenant(tid):
    return _rows(TenantModel.query(tid))


def _users(tid):
    return _rows(UserModel.tenant_index.query(tid))


def _customers(tid):
    return [{"customer_code": code, **{k: _plain(v) for k, v in fields.items()}}
            for code, fields in sorted(customer_store.all_of(tid).items())]


def _orders(tid):
    orders = OrderStore(tid).read_orders()
    return [{"customer_code": str(code),
             "ordered_at": datetime.fromtimestamp(int(at), CHINA).strftime("%Y-%m-%d %H:%M:%S"),
             "amount_yuan": f"{int(fen) / 100:.2f}"}
            for code, at, fen in zip(orders["customer_code"], orders["ordered_at"], orders["amount_fen"])]


def _messages(tid):
    rows = []
    for campaign in CampaignModel.query(tid, attributes_to_get=["campaign_id"]):
        rows += _rows(SmsMessageModel.query(f"{tid}#{campaign.campaign_id}"))
    return rows


def _by_tenant(model) -> Callable[[str], list[dict]]:
    return lambda tid: _rows(model.query(tid))


SHEETS: list[tuple[str, Callable[[str], list[dict]]]] = [
    ("企业资料", _tenant), ("账号", _users), ("客户", _customers), ("订单", _orders),
    ("导入记录", _by_tenant(ImportJobModel)), ("分析", _by_tenant(AnalysisModel)), ("人群", _by_tenant(SegmentModel)),
    ("跟进记录", _by_tenant(FollowUpModel)), ("短信同意记录", _by_tenant(ConsentEventModel)),
    ("导入字段映射", _by_tenant(ImportMappingModel)), ("短信设置", _by_tenant(SmsSettingsModel)),
    ("短信模板", _by_tenant(SmsTemplateModel)), ("营销活动", _by_tenant(CampaignModel)), ("短信记录", _messages),
    ("退订台账", _by_tenant(OptOutModel)), ("交费记录", _by_tenant(BillingModel)),
    ("接口密钥", lambda tid: _rows(ApiKeyModel.tenant_index.query(tid))),
]
