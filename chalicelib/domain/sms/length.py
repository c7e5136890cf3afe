"""SMS length as the providers bill it: signature and opt-out suffix count, 70 characters
make one SMS, a longer text is sent in parts of 67, and 500 is the most a provider accepts."""
import math
import re
from dataclasses import dataclass

import numpy as np

OPT_OUT_SUFFIX = "拒收请回复R"
SINGLE_PART = 70
MULTI_PART = 67
MAX_CHARS = 500
SAMPLE_SIGNATURE = "康宁大药房"

VARIABLES = {"name": "客户称呼", "store": "门店", "class": "客户分类"}
# Realistic values, so a text is measured near the length it will really have when sent.
SAMPLE_VALUES = {"name": "王先生", "store": "康宁大药房南山店", "class": "重要价值客户"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class SmsMeasure:
    text: str
    chars: int
    parts: int
    too_long: bool


def render(body: str, values: dict = SAMPLE_VALUES) -> str:
    """The body with its known variables filled in; unknown placeholders stay as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def compose(body: str, signature: str = SAMPLE_SIGNATURE, marketing: bool = True) -> str:
    """The message as the phone shows it: 【signature】 + body (+ the opt-out suffix for marketing)."""
    text = render(body.strip())
    if marketing and not text.endswith(OPT_OUT_SUFFIX):
        text += OPT_OUT_SUFFIX
    return f"【{signature}】{text}"


def parts_for(chars: int) -> int:
    return 1 if chars <= SINGLE_PART else math.ceil(chars / MULTI_PART)


def parts_of(chars: np.ndarray) -> np.ndarray:
    """parts_for() of every length at once."""
    return np.where(chars <= SINGLE_PART, 1, -(-chars // MULTI_PART)).astype(np.int64)


def fixed_chars(body: str, signature: str, marketing: bool) -> int:
    """The message's length with every known variable empty: what each recipient's values add to."""
    return len(compose(render(body, dict.fromkeys(VARIABLES, "")), signature, marketing))


def variable_uses(body: str) -> dict[str, int]:
    """How often each known variable appears in the body."""
    found = [m.group(1) for m in PLACEHOLDER.finditer(body)]
    return {name: found.count(name) for name in VARIABLES}


def measure(body: str, signature: str = SAMPLE_SIGNATURE, marketing: bool = True) -> SmsMeasure:
    text = compose(body, signature, marketing)
    return SmsMeasure(text=text, chars=len(text), parts=parts_for(len(text)), too_long=len(text) > MAX_CHARS)


def unknown_variables(body: str) -> list[str]:
    """Placeholder names the sender cannot fill, each once, in the order written."""
    names = [m.group(1) for m in PLACEHOLDER.finditer(body) if m.group(1) not in VARIABLES]
    return list(dict.fromkeys(names))
