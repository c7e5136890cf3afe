"""PynamoDB models of SMS and campaigns (issue 12): settings, templates, campaigns, the message log,
the opt-out ledger, usage counters and per-plan measured results. Stores in adapters/ own them."""
from pynamodb.attributes import BooleanAttribute, NumberAttribute, NumberSetAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.model_base import BaseMeta, TableName


class SmsSettingsModel(Model):
    """A tenant's SMS settings: signature, frequency cap, birthday campaign; caps set by the platform."""

    class Meta(BaseMeta):
        table_name = TableName("sms_settings")

    tenant_id = UnicodeAttribute(hash_key=True)
    signature = UnicodeAttribute(default="")  # without 【】
    frequency_days = NumberAttribute(default=7)  # at most `frequency_count` marketing SMS per customer in this many days
    frequency_count = NumberAttribute(default=1)
    daily_per_number = NumberAttribute(default=1)  # messages of any kind per number per China day (provider rule)
    birthday_enabled = BooleanAttribute(default=False)
    birthday_template_id = UnicodeAttribute(null=True)
    daily_cap = NumberAttribute(null=True)  # platform-set spend guard (messages); None: config default
    monthly_cap = NumberAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)


class TemplateReviewIndex(GlobalSecondaryIndex):
    """Sparse: only templates waiting for the provider's review carry `review_pending` (the provider name)."""

    class Meta:
        index_name = "review_pending-created_at"
        projection = AllProjection()

    review_pending = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class SmsTemplateModel(Model):
    class Meta(BaseMeta):
        table_name = TableName("sms_templates")

    tenant_id = UnicodeAttribute(hash_key=True)
    template_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    kind = UnicodeAttribute()  # "marketing" | "notice"
    text = UnicodeAttribute()  # the body as written, variables as {name}
    status = UnicodeAttribute()  # "pending" | "approved" | "rejected"
    reason = UnicodeAttribute(null=True)  # the provider's reason for a rejection
    provider = UnicodeAttribute(default="")
    provider_code = UnicodeAttribute(null=True)  # the provider's template code (Aliyun TemplateCode)
    review_pending = UnicodeAttribute(null=True)
    chars = NumberAttribute(default=0)
    parts = NumberAttribute(default=1)
    warnings = UnicodeAttribute(default="[]")  # JSON list of content findings at submission
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    decided_at = UnicodeAttribute(null=True)

    review_index = TemplateReviewIndex()


class CampaignDueIndex(GlobalSecondaryIndex):
    """Sparse: only campaigns waiting for a time (send_at or the next 08:00) carry `due` ("due") and `due_at`."""

    class Meta:
        index_name = "due-due_at"
        projection = AllProjection()

    due = UnicodeAttribute(hash_key=True)
    due_at = UnicodeAttribute(range_key=True)


class CampaignModel(Model):
    class Meta(BaseMeta):
        table_name = TableName("campaigns")

    tenant_id = UnicodeAttribute(hash_key=True)
    campaign_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    kind = UnicodeAttribute(default="manual")  # "manual" | "birthday"
    segment_id = UnicodeAttribute(null=True)
    rules = UnicodeAttribute(null=True)  # JSON rules (domain/segments) when no segment is named
    template_id = UnicodeAttribute()
    plan_id = UnicodeAttribute(null=True)
    holdout_share = NumberAttribute(default=0.1)
    send_at = UnicodeAttribute(null=True)  # ISO UTC asked for; None: now
    status = UnicodeAttribute()  # domain/campaigns/status
    status_note = UnicodeAttribute(null=True)  # why it waits or stopped, in Chinese
    due = UnicodeAttribute(null=True)
    due_at = UnicodeAttribute(null=True)
    store = UnicodeAttribute(default="")  # a store manager's campaign reaches only that store's customers
    text = UnicodeAttribute(null=True)  # the template text frozen when planned
    signature = UnicodeAttribute(null=True)
    price_li = NumberAttribute(default=55)  # price per part in 0.001 yuan, frozen when planned
    parts = NumberAttribute(default=0)
    chunks = NumberAttribute(default=0)
    planned = NumberAttribute(default=0)
    held_out = NumberAttribute(default=0)
    excluded = UnicodeAttribute(default="{}")  # JSON {reason: count} when planned
    sent = NumberAttribute(default=0)
    delivered = NumberAttribute(default=0)
    delivered_parts = NumberAttribute(null=True)  # what the provider bills: the delivered messages' parts
    failed = NumberAttribute(default=0)
    unknown = NumberAttribute(default=0)  # handed to the provider with no clear answer: never resent
    chunks_done = NumberSetAttribute(null=True)  # chunk numbers counted, so a redelivered chunk counts once
    opted_out = NumberAttribute(default=0)  # opt-out replies to this campaign's messages
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    planned_at = UnicodeAttribute(null=True)
    started_at = UnicodeAttribute(null=True)
    finished_at = UnicodeAttribute(null=True)

    due_index = CampaignDueIndex()


class MessageCustomerIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "customer_key-submitted_at"
        projection = AllProjection()

    customer_key = UnicodeAttribute(hash_key=True)  # "<tenant_id>#<customer_code>"
    submitted_at = UnicodeAttribute(range_key=True)


class MessageReceiptIndex(GlobalSecondaryIndex):
    """Sparse: a message the provider accepted, by the provider's id for it (Aliyun BizId + number)."""

    class Meta:
        index_name = "receipt_key"
        projection = KeysOnlyProjection()

    receipt_key = UnicodeAttribute(hash_key=True)  # "<provider>#<biz_id>#<mobile>"


class MessageMobileIndex(GlobalSecondaryIndex):
    """Routes a reply to the latest message sent to that number (across tenants; callbacks only)."""

    class Meta:
        index_name = "mobile-submitted_at"
        projection = AllProjection()

    mobile = UnicodeAttribute(hash_key=True)
    submitted_at = UnicodeAttribute(range_key=True)


class SmsMessageModel(Model):
    """One message of a campaign to one recipient: claimed before the provider call, so never sent twice."""

    class Meta(BaseMeta):
        table_name = TableName("sms_messages")

    campaign_key = UnicodeAttribute(hash_key=True)  # "<tenant_id>#<campaign_id>"
    customer_code = UnicodeAttribute(range_key=True)
    tenant_id = UnicodeAttribute()
    campaign_id = UnicodeAttribute()
    customer_key = UnicodeAttribute()
    mobile = UnicodeAttribute()
    signature = UnicodeAttribute(default="")
    status = UnicodeAttribute()  # "sending" | "submitted" | "delivered" | "failed" | "unknown"
    parts = NumberAttribute(default=1)
    provider = UnicodeAttribute(default="")
    biz_id = UnicodeAttribute(null=True)
    receipt_key = UnicodeAttribute(null=True)
    error_code = UnicodeAttribute(null=True)
    error_message = UnicodeAttribute(null=True)
    claimed_at = UnicodeAttribute()
    submitted_at = UnicodeAttribute()  # = claimed_at until the provider answers
    reported_at = UnicodeAttribute(null=True)
    replied = UnicodeAttribute(null=True)  # the customer's reply text, when any

    customer_index = MessageCustomerIndex()
    receipt_index = MessageReceiptIndex()
    mobile_index = MessageMobileIndex()


class OptOutModel(Model):
    """退订台账: "m#<mobile>" items hold a number's current state; "e#<mobile>#<at>#<random>" items the evidence."""

    class Meta(BaseMeta):
        table_name = TableName("opt_outs")

    tenant_id = UnicodeAttribute(hash_key=True)
    entry_key = UnicodeAttribute(range_key=True)
    mobile = UnicodeAttribute()
    opted_out = BooleanAttribute()
    source = UnicodeAttribute()  # "reply" | "import" | "detail" | "api"
    source_ref = UnicodeAttribute(default="")  # campaign id, import id, reply text
    by = UnicodeAttribute(default="")
    at = UnicodeAttribute()


class SmsUsageModel(Model):
    """Atomic counters: a tenant's messages per China day and month (spend guard), a provider's sends per second."""

    class Meta(BaseMeta):
        table_name = TableName("sms_usage")

    owner = UnicodeAttribute(hash_key=True)  # tenant_id, or "provider#<name>"
    period = UnicodeAttribute(range_key=True)  # "day#2026-11-30", "month#2026-11", "second#<epoch>"
    count = NumberAttribute(default=0)
    expires = TTLAttribute(null=True)


class PlanResultModel(Model):
    """One campaign's measured result, filed under its plan so the market can sum them over tenants."""

    class Meta(BaseMeta):
        table_name = TableName("plan_results")

    plan_id = UnicodeAttribute(hash_key=True)
    result_key = UnicodeAttribute(range_key=True)  # "<tenant_id>#<campaign_id>"
    figures = UnicodeAttribute()  # JSON: per group and window n, buyers, orders, revenue_fen, revenue_sq
    updated_at = UnicodeAttribute()


SMS_MODELS = (SmsSettingsModel, SmsTemplateModel, CampaignModel, SmsMessageModel, OptOutModel, SmsUsageModel,
              PlanResultModel)
