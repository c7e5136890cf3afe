"""SMS settings and caps, templates and their check, content rules, opt-outs, provider callbacks."""
from chalicelib.api.contracts.responses.common import Number, Shape, Text


class SmsCaps(Shape):
    daily_cap: int
    monthly_cap: int
    used_today: int
    used_this_month: int


class SmsSettings(SmsCaps):
    signature: Text = None
    frequency_days: int
    frequency_count: int
    daily_per_number: int
    birthday_enabled: bool
    birthday_template_id: Text = None
    provider: str
    price_yuan_per_part: dict[str, Number]


class Template(Shape):
    template_id: str
    name: str
    kind: str
    kind_label: Text = None
    text: str
    status: str
    status_label: Text = None
    reason: Text = None
    chars: int | None = None
    parts: int | None = None
    warnings: list[dict] = []
    created_at: Text = None
    created_by: Text = None
    decided_at: Text = None


class Templates(Shape):
    items: list[Template]


class TemplateDeleted(Shape):
    template_id: str
    deleted: bool


class TemplateCheck(Shape):
    """Nothing stored: the text as the phone shows it, its length and what a provider or the law would object to."""
    text: str
    chars: int
    parts: int
    too_long: bool
    max_chars: int
    signature_missing: bool
    warnings: list[dict]


class ContentRule(Shape):
    id: str
    kind: str
    kind_label: Text = None
    source: Text = None
    description: str
    blocking: bool


class ContentRules(Shape):
    items: list[ContentRule]


class OptOut(Shape):
    mobile: str
    source: str
    source_label: Text = None
    source_ref: Text = None
    by: Text = None
    at: Text = None


class OptOutsPage(Shape):
    items: list[OptOut]
    total: int


class OptOutAdded(Shape):
    mobile: str
    opted_out: bool
    source: str
    at: Text = None


class OptOutEvent(OptOut):
    opted_out: bool


class OptOutHistory(Shape):
    mobile: str
    opted_out: bool
    items: list[OptOutEvent]


class BulkOptOuts(Shape):
    received: int
    opted_out: int
    already: int
    repeated: int
    invalid: list[dict]


class CallbackAck(Shape):
    """Aliyun reads `{code: 0, msg}`; SNS `{ok: true}`."""
    code: int | None = None
    msg: Text = None
    ok: bool | None = None
