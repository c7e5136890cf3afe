"""Customers: the list, one customer's page, orders and follow-ups, the class distribution, API keys, integration."""
from chalicelib.api.contracts.responses.common import Number, Page, Shape, Text


class CustomerItem(Shape):
    customer_code: str
    name: Text = None
    mobile: Text = None
    gender: Text = None
    birthday: Text = None
    tags: list[str] = []
    sms_consent: bool | None = None
    rfm_class: Text = None
    store: Text = None
    order_count: int | None = None
    total_spent: Number | None = None


class CustomersPage(Page):
    items: list[CustomerItem]
    tags: list[str] = []
    analysis_id: Text = None
    current_analysis: dict | None = None


class CustomerDetailResponse(Shape):
    customer: CustomerItem
    consent_history: list[dict] = []
    opt_out: dict | None = None
    lifetime: dict | None = None
    timeline: list[dict] = []
    explanation: dict | None = None
    last_follow_up: dict | None = None


class CustomerEdited(Shape):
    customer_code: str
    tags: list[str]
    sms_consent: bool | None = None
    consent_history: list[dict] = []


class OrderItem(Shape):
    order_id: str
    ordered_at: Text = None
    amount: Number | None = None
    store: Text = None


class OrdersPage(Page):
    items: list[OrderItem]


class FollowUp(Shape):
    customer_code: str
    followed_at: str
    way: str
    content: str
    next_date: Text = None
    by: Text = None
    created_at: Text = None


class FollowUps(Shape):
    items: list[FollowUp]


class DueFollowUp(FollowUp):
    name: Text = None


class DueFollowUps(Shape):
    items: list[DueFollowUp]
    total: int
    today: str


class ClassCount(Shape):
    name: str
    count: int


class Distribution(Shape):
    total: int
    classes: list[ClassCount]


class ApiKey(Shape):
    key_id: str
    name: str
    prefix: Text = None
    created_at: Text = None
    created_by: Text = None
    last_used_at: Text = None
    revoked_at: Text = None


class ApiKeys(Shape):
    items: list[ApiKey]


class ApiKeyCreated(ApiKey):
    key: str


class ApiKeyRevoked(Shape):
    key_id: str
    revoked_at: Text = None


class Integration(Shape):
    bucket: str
    drop_prefixes: dict[str, str]
    bulk_max_rows: int
