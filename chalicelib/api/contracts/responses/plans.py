"""Marketing plans: the market's cards, a plan's detail, submissions, the staff's review and usage."""
from chalicelib.api.contracts.responses.common import Number, Page, Shape, Text


class PlanItem(Shape):
    """A card; with its review state (我的方案, staff lists) it adds `status` … `author_name`."""
    plan_id: str
    name: str
    industry: Text = None
    event: Text = None
    target_classes: list[str] = []
    summary: Text = None
    author_kind: Text = None
    price_yuan: Number | None = None
    uses: int | None = None
    views: int | None = None
    created_at: Text = None
    mine: bool | None = None
    status: Text = None
    status_label: Text = None
    reject_reason: Text = None
    updated_at: Text = None
    shared: bool | None = None
    author_name: Text = None


class PlansPage(Page):
    items: list[PlanItem]


class PlansList(Shape):
    items: list[PlanItem]
    total: int


class PlanDetail(PlanItem):
    description: str
    sms_text: str
    sms_texts: list[dict]
    attachment_name: Text = None
    attachment_html: Text = None
    measured: dict | None = None
    audit: list[dict] | None = None


class PlanResponse(Shape):
    plan: PlanDetail


class PlanSubmitted(Shape):
    plan_id: str
    status: str


class PlanOptions(Shape):
    events: list[str]
    industries: list[str]
    classes: list[str]
    all_industries: str


class PlanSuggestions(Shape):
    classes: dict[str, list[PlanItem]]
    events: list[dict]


class PlanDownload(Shape):
    url: str
    filename: str


class PlanUsage(Shape):
    totals: dict[str, int]
    items: list[dict]
