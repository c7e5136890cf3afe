"""What the gateway sends and what the provider answered, provider-neutral."""
import re
from dataclasses import dataclass

from chalicelib.domain.sms.length import PLACEHOLDER, VARIABLES, compose

# Accepted.error_code values that are ours, not the provider's (only the SNS provider, which
# publishes one message at a time, can end a batch part-way):
NOT_SENT = "NOT_SENT"  # this message was not sent: safe to send again later
UNCERTAIN = "UNCERTAIN"  # the provider may have taken it: never resend, record as unknown


@dataclass(frozen=True)
class TemplateRef:
    code: str | None  # the provider's template code (Aliyun); None where the text itself is sent
    text: str  # the body as the tenant wrote it, with {name} variables
    kind: str  # "marketing" | "notice"


@dataclass(frozen=True)
class Outgoing:
    mobile: str
    params: dict[str, str]


@dataclass(frozen=True)
class Accepted:
    mobile: str
    ok: bool
    biz_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None


def text_for(signature: str, template: TemplateRef, params: dict[str, str]) -> str:
    """The message as the phone shows it; a variable without a value is left empty, never a sample."""
    values = {name: "" for name in VARIABLES} | {k: str(v) for k, v in params.items()}
    body = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)).replace("{", "（").replace("}", "）"),
                           template.text)
    return compose(body, signature, marketing=template.kind == "marketing")


def mainland_number(raw: str) -> str:
    """11 digits without +86 / 0086 / 86, as the message log keys numbers."""
    digits = re.sub(r"[\s-]", "", raw or "")
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            return digits[len(prefix):]
    return digits
