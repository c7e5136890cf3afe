"""Answers of the main resources, as the OpenAPI document describes them (fields without a default are always
there; `extra="allow"`: a field added later is not a breach of the contract)."""
from pydantic import BaseModel, ConfigDict

Number = int | float | str  # money and counts; some lists send amounts as strings of yuan


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(Shape):
    total: int
    page: int
    size: int


class Region(Shape):
    province: str | None = None
    city: str | None = None
    code: str | None = None


class TenantItem(Shape):
    tenant_id: str
    company_name: str
    contact_name: str | None = None
    contact_phone: str | None = None
    license_no: str | None = None
    industry: str | None = None
    username: str | None = None
    status: str
    status_label: str | None = None
    region: Region | dict | None = None
    pending_changes: dict | None = None
    created_at: str | None = None


class MeResponse(Shape):
    username: str
    role: str
    role_label: str | None = None
    display_name: str | None = None
    tenant_id: str | None = None
    mobile_masked: str | None = None
    tenant: TenantItem | None = None
    store: str | None = None
    mobile_visible: bool | None = None
    permissions: list[str]


class CustomerItem(Shape):
    customer_code: str
    name: str | None = None
    mobile: str | None = None
    gender: str | None = None
    birthday: str | None = None
    tags: list[str] = []
    sms_consent: bool | None = None
    rfm_class: str | None = None
    store: str | None = None
    order_count: int | None = None
    total_spent: Number | None = None


class CustomersPage(Page):
    items: list[CustomerItem]
    tags: list[str] = []
    analysis_id: str | None = None


class CustomerDetailResponse(Shape):
    customer: CustomerItem
    consent_history: list[dict] = []
    opt_out: dict | None = None
    lifetime: dict | None = None
    timeline: list[dict] = []
    last_follow_up: dict | None = None


class ImportItem(Shape):
    import_id: str
    kind: str
    status: str
    status_label: str | None = None
    filename: str | None = None
    dry_run: bool | None = None
    progress: int | None = None
    counts: dict | None = None
    created_at: str | None = None


class ImportsPage(Page):
    items: list[ImportItem]


class AnalysesPage(Page):
    items: list[dict]
    current_id: str | None = None


class SegmentsResponse(Shape):
    items: list[dict]


class CampaignsPage(Page):
    items: list[dict]


class PlanItem(Shape):
    plan_id: str
    name: str
    event: str | None = None
    target_classes: list[str] = []
    summary: str | None = None
    price_yuan: Number | None = None
    uses: int | None = None


class PlansPage(Page):
    items: list[PlanItem]


class MyBillingResponse(Shape):
    billing: dict
    fee_plan: dict | None = None
    payments: list[dict] = []


class TenantsPage(Page):
    items: list[TenantItem]
