"""The platform's staff pages: notifications, statistics, tenant data and its jobs, dictionaries, the audit log."""
from typing import Any

from chalicelib.api.contracts.responses.common import Page, Shape, Text


class Notification(Shape):
    id: str
    kind: str
    title: str
    body: Text = None
    link: Text = None
    created_at: Text = None
    read: bool

class Inbox(Shape):
    """`latest=1` answers only `items` and `unread`."""
    items: list[Notification]
    unread: int
    total: int | None = None
    page: int | None = None
    size: int | None = None

class Unread(Shape):
    unread: int

class PlatformStats(Shape):
    """A plan_reviewer's answer has no `top_tenants` (and no `waiting.overdue_fees`)."""
    totals: dict
    growth: dict
    waiting: dict[str, int]
    top_tenants: dict | None = None

class DataRow(Shape):
    tenant_id: str
    company_name: str
    username: Text = None
    status: str
    status_label: Text = None
    customers: int
    orders: int
    sms_this_month: int
    deletion_due: Text = None

class DataPage(Page):
    items: list[DataRow]

class DataJob(Shape):
    job_id: str
    kind: str
    status: str
    status_label: str
    progress: int
    created_at: Text = None
    requested_by: Text = None
    requested_by_name: Text = None
    due_at: Text = None
    detail: Any = None
    url: Text = None

class TenantData(Shape):
    company_name: str
    stored: dict[str, Any]
    usage: dict[str, Any]
    jobs: list[DataJob]
    deletion: DataJob | None = None

class DataJobResponse(Shape):
    job: DataJob

class DeletionResponse(Shape):
    deletion: DataJob

class Dictionary(Shape):
    """events, industries and fee_plans: a list; settings: an object."""
    items: list | dict

class AuditEntry(Shape):
    at: str
    at_china: Text = None
    actor: Text = None
    actor_name: Text = None
    role: Text = None
    role_label: Text = None
    action: str
    tenant_id: Text = None
    company_name: Text = None
    detail: Any = None
    changes: list[dict] | None = None
    ip: Text = None

class AuditPage(Shape):
    items: list[AuditEntry]
    next_cursor: Text = None

class AuditActionGroup(Shape):
    label: str
    actions: list[str]

class AuditActions(Shape):
    groups: list[AuditActionGroup]
