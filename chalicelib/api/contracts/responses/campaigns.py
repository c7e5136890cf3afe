"""Campaigns: the list, one campaign, the pre-send check, sending state, messages and reports."""
from chalicelib.api.contracts.responses.common import Number, Page, Shape, Text


class CampaignCounts(Shape):
    planned: int
    sent: int
    delivered: int
    failed: int
    unknown: int
    no_receipt: int
    held_out: int
    opted_out: int
    excluded: int


class Campaign(Shape):
    """A list item is the campaign without `rules`; money (`cost_yuan`) is a string of yuan with two decimals."""
    campaign_id: str
    name: str
    kind: Text = None
    status: str
    status_label: str
    status_note: Text = None
    segment_id: Text = None
    segment_name: Text = None
    rules: dict | None = None
    template: dict
    plan: dict | None = None
    holdout_share: Number | None = None
    send_at: Text = None
    created_at: Text = None
    created_by: Text = None
    planned_at: Text = None
    started_at: Text = None
    finished_at: Text = None
    parts: int | None = None
    counts: CampaignCounts
    progress: Number
    cost_yuan: Number


class CampaignsPage(Page):
    items: list[Campaign]


class CampaignCreated(Shape):
    campaign_id: str
    status: str


class CampaignDeleted(Shape):
    campaign_id: str
    deleted: bool


class CampaignState(Shape):
    """After send, pause or resume; `next_start` only after a send."""
    status: str
    status_note: Text = None
    next_start: Text = None


class CampaignPreview(Shape):
    recipients: int
    held_out: int
    excluded: dict[str, int]
    parts_per_message: int  # the longest message's parts (each recipient's own values set its length)
    parts_min: int
    parts_total: int  # what the sent group's messages are billed as
    chars: int  # the longest message's characters
    messages: int
    value_notes: list[dict]  # {code, count, message}: what recipients' own names, stores, classes change
    estimated_cost_yuan: Number
    price_yuan_per_part: Number
    samples: list[dict]
    send_window: dict
    min_detectable_lift: Number | None = None
    base_rate: Number | None = None
    blocking: list[dict]


class Message(Shape):
    customer_code: str
    name: Text = None
    mobile: Text = None
    status: str
    status_label: Text = None
    error: Text = None
    parts: int | None = None
    submitted_at: Text = None
    reported_at: Text = None
    replied: Text | bool = None


class MessagesPage(Page):
    items: list[Message]


class CampaignReport(Shape):
    counts: CampaignCounts
    cost_yuan: Number
    delivered_parts: int
    opted_out: int
    has_control: bool
    started_at: Text = None
    outcome: dict[str, dict]


class CustomerMessage(Shape):
    campaign_id: str
    campaign_name: Text = None
    status: str
    status_label: Text = None
    error: Text = None
    submitted_at: Text = None
    reported_at: Text = None
    replied: Text | bool = None


class CustomerMessages(Shape):
    items: list[CustomerMessage]
