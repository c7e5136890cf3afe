"""RFM analyses, their customers and explanations, comparisons of two analyses, the home page."""
from pydantic import Field

from chalicelib.api.contracts.responses.common import Number, Page, Shape, Text


class Analysis(Shape):
    """`grid` only where the route shows it; `current`/`data_changed` on saved analyses; `store*` on a store's view."""
    analysis_id: str
    kind: str
    kind_label: str
    status: str
    params: dict
    m_mode_label: str
    threshold_label: str
    thresholds: dict
    classes: dict[str, dict]
    customers_analysed: int
    no_purchase: int
    customers_total: int
    orders_in_window: int
    created_at: Text = None
    created_by: Text = None
    saved_at: Text = None
    class_update: dict | None = None
    grid: list[list[dict]] | None = None
    current: bool | None = None
    data_changed: bool | None = None
    previous_id: Text = None
    store: Text = None
    store_note: Text = None


class AnalysesPage(Page):
    items: list[Analysis]
    current_id: Text = None
    current_analysis: Analysis | None = None


class AnalysisDeleted(Shape):
    analysis_id: str
    deleted: bool


class AnalysisCustomer(Shape):
    customer_code: str
    name: Text = None
    recency_days: int
    frequency: int
    monetary: Number | None = None
    r_score: int
    f_score: int
    m_score: int
    rfm_class: str


class AnalysisCustomersPage(Page):
    items: list[AnalysisCustomer]


class Check(Shape):
    measure: str
    label: str
    value: Number | None = None
    threshold: Number | None = None
    high: bool
    text: str


class Explanation(AnalysisCustomer):
    analysis_id: str
    net_amount: Number | None = None
    checks: list[Check]
    steps: list[str]
    warning: Text = None


class Mover(Shape):
    customer_code: str
    name: Text = None
    from_class: Text = None
    to_class: Text = None
    direction: str


class Comparison(Shape):
    from_: Analysis = Field(alias="from")
    to: Analysis
    positions: list[str]
    matrix: list[list[int]]
    moved_up: list[Mover]
    moved_down: list[Mover]
    moved_up_total: int
    moved_down_total: int
    stayed_total: int


class MoversPage(Page):
    items: list[Mover]


class Dashboard(Shape):
    latest: Analysis | None = None
    trend: list[dict]
    customers: int
    orders: int
    stores: dict | None = None
