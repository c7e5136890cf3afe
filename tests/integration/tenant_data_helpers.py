"""A tenant with data in as many tables as the services allow, and the data-job queue drained on demand."""
import json

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.adapters import (
    campaign_store,
    counters,
    message_log,
    notification_store,
    plan_result_store,
    sms_usage,
    template_store,
)
from chalicelib.adapters.aws import client
from chalicelib.adapters.models import ALL_MODELS, PlanModel, PlanUsageModel
from chalicelib.adapters.platform_models import BillingModel
from chalicelib.clock import now_iso
from chalicelib.events.data_jobs import handle_message
from chalicelib.services.campaigns import drafts
from chalicelib.services.campaigns.requests import CampaignRequest
from local.event_pump import EventPump
from tests.integration.analysis_helpers import saved, stock_tenant
from tests.integration.helpers import approved_tenant
from tests.integration.sms_helpers import sub_account


def deliver_jobs(resources) -> int:
    return EventPump(client("sqs"), resources.queues["DataJobQueue"], handle_message).drain()


def _filled(model, *keys, **values):
    """A model item with every required attribute filled (the stores these belong to need more setup)."""
    item = model(*keys, **values)
    for name, attribute in model.get_attributes().items():
        if getattr(item, name) is None and not attribute.null:
            fills = {UnicodeAttribute: "x", NumberAttribute: 0, BooleanAttribute: False, ListAttribute: []}
            fill = next((value for kind, value in fills.items() if isinstance(attribute, kind)), None)
            if fill is not None:
                setattr(item, name, fill)
    item.save()
    return item


def _api_data(api, resources, token: str, seed: int) -> None:
    stock_tenant(api, resources, token)
    saved(api, resources, token)
    assert api.post("/api/segments", {"name": "全部", "rules": {"all": []}}, token=token).status_code == 201
    follow = {"followed_at": "2026-11-01", "way": "电话", "content": "电话回访"}
    assert api.post("/api/customers/C00001/follow-ups", follow, token=token).status_code == 201
    assert api.post("/api/api-keys", {"name": "ERP"}, token=token).status_code == 201
    assert api.put("/api/sms/settings", {"signature": f"康宁大药房{seed}号"}, token=token).status_code == 200
    template = {"name": "会员日", "kind": "marketing", "text": "{name}您好，本周六会员日，全场最好的保健品九折"}
    assert api.post("/api/sms/templates", template, token=token).status_code == 201
    assert api.post("/api/opt-outs", {"mobile": "13812340002"}, token=token).status_code == 201


def _direct_data(tenant_id: str, usernames: list[str]) -> None:
    """Items whose services need a provider or a schedule: written through their stores or models."""
    template_store.create(tenant_id, {"template_id": "tpl1", "name": "会员日", "kind": "marketing",
                                      "text": "{name}您好，本周六会员日全场九折", "status": "approved",
                                      "provider": "sns", "provider_code": None, "chars": 30, "parts": 1,
                                      "warnings": [], "created_by": "test", "created_at": now_iso()})
    campaign = drafts.create(tenant_id, usernames[0], "", CampaignRequest(
        name="会员日活动", rules={"all": []}, template_id="tpl1", holdout_share=0.0))["campaign_id"]
    message_log.claim([{"tenant_id": tenant_id, "campaign_id": campaign, "customer_code": "C00001",
                        "mobile": "13812340001", "status": "sending", "parts": 1, "claimed_at": now_iso(),
                        "submitted_at": now_iso()}])
    campaign_store.count_chunk(tenant_id, campaign, 0, sent=1)  # a number set (chunks_done) in the export
    sms_usage.reserve(tenant_id, 1, "2026-11-30", 100, 1000, 0)
    plan = _filled(PlanModel, f"plan-{tenant_id}", author_tenant_id=tenant_id, author_kind="tenant",
                   created_at=now_iso())
    _filled(PlanUsageModel, plan.plan_id, f"2026-11-30#{tenant_id}#download", tenant_id=tenant_id)
    _filled(PlanUsageModel, "platform-plan", f"2026-11-30#{tenant_id}#view", tenant_id=tenant_id)
    plan_result_store.upsert("platform-plan", tenant_id, campaign, {"orders": 1})
    BillingModel(tenant_id, "payment#p1", kind="payment", amount_fen=99900, period_start="2026-12-01",
                 period_end="2027-11-30", method="对公转账", created_at=now_iso()).save()
    notification_store.add(usernames, {"kind": "expiry_15", "title": "服务即将到期", "body": "请续费"},
                           once=(tenant_id, "expiry_15#2026-11-30"))
    counters.count(tenant_id, {"campaigns": 1})


def rich_tenant(api, resources, seed: int) -> tuple[str, str, list[str]]:
    """(tenant_id, token, login names) of an approved tenant with data in nearly every table."""
    tenant_id, token = approved_tenant(api, seed)
    reader = f"reader{seed}"
    sub_account(api, token, reader, "tenant_readonly", f"1370000{seed:04d}")
    _api_data(api, resources, token, seed)
    usernames = [f"pharmacy{seed}", reader]
    _direct_data(tenant_id, usernames)
    return tenant_id, token, usernames


def tables() -> dict[str, object]:
    return {model.Meta.table_name: model for model in ALL_MODELS}


def items_mentioning(needles: list[str], skip: tuple = ()) -> dict[str, list[str]]:
    """{table: [item JSON]} of every item in every table whose JSON contains one of `needles`."""
    found = {}
    for name in tables():
        if any(name.endswith(f"-{s}") for s in skip):
            continue
        pages = client("dynamodb").get_paginator("scan").paginate(TableName=name)
        rows = [json.dumps(item, ensure_ascii=False) for page in pages for item in page["Items"]]
        hits = [row for row in rows if any(needle in row for needle in needles)]
        if hits:
            found[name] = hits
    return found


def keys_mentioning(needles: list[str]) -> list[str]:
    s3, found = client("s3"), []
    for bucket in s3.list_buckets()["Buckets"]:
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket["Name"])
        found += [f"{bucket['Name']}/{item['Key']}" for page in pages for item in page.get("Contents", [])
                  if any(needle in item["Key"] for needle in needles)]
    return found
