"""Segments (saved rules, counts, members), batch tags and stores."""
from chalicelib.api.contracts.responses.common import Page, Shape, Text
from chalicelib.api.contracts.responses.customers import CustomerItem


class Segment(Shape):
    """`count`/`total` null and `stale` true when the rules name a deleted analysis."""
    segment_id: str
    name: str
    rules: dict
    count: int | None = None
    total: int | None = None
    stale: bool | None = None
    stale_reason: Text = None
    created_by: Text = None
    created_at: Text = None
    updated_at: Text = None


class SegmentsResponse(Shape):
    items: list[Segment]


class SegmentCount(Shape):
    count: int
    total: int


class SegmentDeleted(Shape):
    segment_id: str
    deleted: bool


class MembersPage(Page):
    items: list[CustomerItem]
    segment_id: str
    name: str


class TagChange(Shape):
    """Without `confirm_count`: `count` of customers that would change; with it: `changed`."""
    count: int | None = None
    changed: int | None = None


class Store(Shape):
    name: str
    customers: int
    classes: dict[str, int]


class StoresList(Shape):
    items: list[Store]
    unassigned: Store | None = None
    labels: list[str]


class StoreAdded(Shape):
    name: str
