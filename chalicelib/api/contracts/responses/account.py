"""Sign-in, the caller's own account and profile, tenant sub-accounts, and the tenants and staff staff see."""
from chalicelib.api.contracts.responses.common import Number, Page, Shape, Text


class Region(Shape):
    province: Text = None
    city: Text = None
    code: Text = None


class TenantItem(Shape):
    tenant_id: str
    company_name: str
    contact_name: Text = None
    contact_phone: Text = None
    license_no: Text = None
    industry: Text = None
    username: Text = None
    status: str
    status_label: Text = None
    region: Region | dict | None = None
    pending_changes: dict | None = None
    reject_reason: Text = None
    call_notes: Text = None
    created_at: Text = None
    updated_at: Text = None
    reviewed_at: Text = None
    reviewed_by: Text = None
    reviewed_by_name: Text = None


class TenantsPage(Page):
    items: list[TenantItem]


class TenantResponse(Shape):
    tenant: TenantItem


class TenantDetail(Shape):
    tenant: TenantItem
    license_image_url: Text = None
    audit: list[dict] = []


class ProfileUpdated(Shape):
    tenant: TenantItem
    review_required: bool


class MeResponse(Shape):
    username: str
    role: str
    role_label: Text = None
    display_name: Text = None
    tenant_id: Text = None
    mobile_masked: Text = None
    tenant: TenantItem | None = None
    store: Text = None
    mobile_visible: bool | None = None
    permissions: list[str]


class Meta(Shape):
    industries: list[str]
    password_rule: str
    username_rule: str


class Registered(Shape):
    tenant_id: str
    status: str


class Challenge(Shape):
    """A code was sent (or, for a reset, seems to have been): enter it before it expires."""
    challenge_id: str
    masked_mobile: Text = None
    expires_in: int
    resend_after: int


class Session(Shape):
    token: str
    role: str
    tenant_id: Text = None
    username: str
    display_name: Text = None
    expires_at: Number


class PasswordChanged(Session):
    ok: bool


class Account(Shape):
    username: str
    display_name: Text = None
    role: str
    role_label: Text = None
    mobile: Text = None
    store: Text = None
    show_mobile: bool | None = None
    status: str
    created_at: Text = None
    created_by: Text = None
    sub_account: bool | None = None


class AccountsList(Shape):
    items: list[Account]


class AccountResponse(Shape):
    account: Account


class StaffMember(Shape):
    username: str
    display_name: Text = None
    role: str
    role_label: Text = None
    mobile: Text = None
    status: str
    created_at: Text = None
    last_login_at: Text = None


class StaffList(Shape):
    items: list[StaffMember]


class StaffResponse(Shape):
    staff: StaffMember


class TenantCounts(Shape):
    pending: int
    approved: int
    rejected: int
    disabled: int
    total: int


class Overview(Shape):
    tenants: TenantCounts
    pending_changes: int
    pending_plans: int
    registrations: list[dict]
