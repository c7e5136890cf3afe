"""PynamoDB models of the platform side (issue 13): fee orders and payments, notifications, maintained counters
and tenant data jobs (exports and deletions). Stores in adapters/ own them."""
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.adapters.model_base import BaseMeta, TableName


class BillingModel(Model):
    """A tenant's fee orders and the payments that settle them: `item` is "order#<id>" or "payment#<id>".
    Payments are recorded by hand today; an online payment callback would fill the same order/payment pair."""

    class Meta(BaseMeta):
        table_name = TableName("billing")

    tenant_id = UnicodeAttribute(hash_key=True)
    item = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()  # "order" or "payment"
    order_id = UnicodeAttribute(null=True)
    fee_plan = UnicodeAttribute(null=True)
    amount_fen = NumberAttribute(default=0)
    period_start = UnicodeAttribute(null=True)  # China dates, YYYY-MM-DD
    period_end = UnicodeAttribute(null=True)
    method = UnicodeAttribute(null=True)  # 对公转账 / 微信 / 支付宝 / 现金 (online: the channel's name)
    receipt_no = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)  # an order: "unpaid" / "paid"; a payment: "recorded" / "confirmed"
    recorded_by = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    paid_at = UnicodeAttribute(null=True)  # an order: when its payment settled it
    voided_at = UnicodeAttribute(null=True)  # a payment voided by the admin stays listed and no longer counts
    voided_by = UnicodeAttribute(null=True)
    void_reason = UnicodeAttribute(null=True)


class NotificationModel(Model):
    """An in-portal message (`owner` "user#<username>", `key` "msg#<time>#<random>"), a login's unread counter
    (`key` "unread"), or a marker that something was sent once (`owner` "once#<tenant_id>", `key`
    "<kind>#<once>")."""

    class Meta(BaseMeta):
        table_name = TableName("notifications")

    owner = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute(null=True)
    title = UnicodeAttribute(null=True)
    body = UnicodeAttribute(null=True)
    link = UnicodeAttribute(null=True)
    read_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute(null=True)
    expires = TTLAttribute(null=True)
    unread = NumberAttribute(null=True)  # the "unread" item: moves only by atomic ADD beside a message write


class CounterModel(Model):
    """Maintained platform figures: `scope` "platform" or "tenant#<id>", `key` a metric or "<day>#<metric>";
    `value` only ever moves by atomic ADD."""

    class Meta(BaseMeta):
        table_name = TableName("counters")

    scope = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)
    value = NumberAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)


class DataJobModel(Model):
    """A tenant data export or deletion request and its progress."""

    class Meta(BaseMeta):
        table_name = TableName("data_jobs")

    tenant_id = UnicodeAttribute(hash_key=True)
    job_id = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()  # "export" or "deletion" (issue 13), "file" (a large workbook or call list)
    status = UnicodeAttribute()
    requested_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    due_at = UnicodeAttribute(null=True)  # a deletion: when the cooling-off ends
    progress = NumberAttribute(default=0)
    result_key = UnicodeAttribute(null=True)
    detail = UnicodeAttribute(null=True)  # JSON: what was exported or deleted, or the error


PLATFORM_MODELS = (BillingModel, NotificationModel, CounterModel, DataJobModel)
