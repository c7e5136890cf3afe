"""What a customer's own data may put into an SMS. A value is cleaned before it is sent (and before the pre-send
check measures or shows it): no customer record can add a link, a second 【signature】 or an internal class label
to a message. Lengths are counted on the stored UTF-8 bytes, so a 100,000-customer check decodes nothing."""
import re

import numpy as np

from chalicelib.domain.rfm_classes import NO_PURCHASE, NOT_ANALYSED

LINK_DOMAINS = "com|cn|net|org|top|xyz|cc|vip|me|io|info|shop|club"  # what short links and shop sites end in
LINK = re.compile(rf"https?:|www\.|://|[a-z0-9-]+\.(?:{LINK_DOMAINS})\b", re.I)
BRACKETS = str.maketrans({"【": "", "】": "", "{": "（", "}": "）"})
HIDDEN_CLASSES = (NOT_ANALYSED, NO_PURCHASE)  # our own labels, not something to call a customer
# Emoji and their joiners: carriers refuse them. Rare CJK characters (𠮷, U+20000 on) are kept: they are names.
EMOJI = re.compile("[\U0001F000-\U0001FFFF\uFE0F\u200D]")
_LINK_BYTES = re.compile(LINK.pattern.encode(), re.I)
_LINK_TOKEN = re.compile(rf"[a-z0-9.-]*(?:{LINK.pattern})[a-z0-9./?=&%#:_~+-]*", re.I)  # the rest of the address
_BRACKET_BYTES = re.compile("【|】".encode())


def clean(name: str, store: str, class_label: str) -> dict[str, str]:
    """The template variables of one customer as they may be sent: a value holding a link is left out, 【】 and
    emoji are taken out."""
    return {"name": _text(name), "store": _text(store),
            "class": "" if class_label in HIDDEN_CLASSES else class_label}


def notice_text(text: str) -> str:
    """A platform notice's text with what people typed in it (a company name, a rejection reason) made safe for an
    SMS: links and 【】 taken out, so no notice carries a link or a second signature."""
    return _LINK_TOKEN.sub("", text or "").translate(BRACKETS)


def _text(value: str) -> str:
    value = (value or "").strip()
    return "" if LINK.search(value) else EMOJI.sub("", value.translate(BRACKETS)).strip()


def char_counts(values: np.ndarray) -> np.ndarray:
    """Characters per value of a UTF-8 bytes ('S') or text ('U') array: bytes that start a character."""
    if values.dtype.kind != "S":
        return np.strings.str_len(values.astype(str)).astype(np.int64)
    width = values.dtype.itemsize
    if width == 0 or len(values) == 0:
        return np.zeros(len(values), dtype=np.int64)
    raw = np.ascontiguousarray(values).view(np.uint8).reshape(len(values), width)
    return ((raw != 0) & ((raw & 0xC0) != 0x80)).sum(axis=1).astype(np.int64)


def with_links(values: np.ndarray) -> np.ndarray:
    """True where a stored value (UTF-8 bytes) holds a link: it is left out of the message."""
    return _matching(values, _LINK_BYTES)


def with_brackets(values: np.ndarray) -> np.ndarray:
    """True where a stored value holds 【 or 】: they are taken out of the message."""
    return _matching(values, _BRACKET_BYTES)


def _matching(values: np.ndarray, pattern: re.Pattern) -> np.ndarray:
    """One regex search per distinct value (stores repeat; names mostly do not, and stay bytes)."""
    unique, inverse = np.unique(values, return_inverse=True)
    encoded = [v if isinstance(v, bytes) else str(v).encode() for v in unique.tolist()]
    found = np.fromiter((pattern.search(v) is not None for v in encoded), bool, len(encoded))
    return found[inverse]


def sent_chars(body_chars: int, uses: dict[str, int], names: np.ndarray, stores: np.ndarray,
               classes: np.ndarray) -> np.ndarray:
    """Each recipient's message length: the text with empty variables plus the cleaned values it puts in."""
    chars = np.full(len(names), body_chars, dtype=np.int64)
    for name, values in (("name", names), ("store", stores)):
        if uses.get(name):
            chars += uses[name] * _kept_chars(values)
    if uses.get("class"):
        shown = ~np.isin(classes, HIDDEN_CLASSES)
        chars += uses["class"] * np.where(shown, np.strings.str_len(classes.astype(str)), 0)
    return chars


def _kept_chars(values: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    brackets = sum(np.strings.count(values, mark.encode() if values.dtype.kind == "S" else mark)
                   for mark in ("【", "】"))
    return np.where(with_links(values), 0, char_counts(values) - brackets)


def notes(uses: dict[str, int], names: np.ndarray, stores: np.ndarray, classes: np.ndarray) -> list[dict]:
    """What the recipients' own data changes in their messages, each with how many it concerns."""
    found = []
    for name, label, values in (("name", "姓名", names), ("store", "门店", stores)):
        if not uses.get(name):
            continue
        links, brackets, empty = with_links(values), with_brackets(values), char_counts(values) == 0
        found += _note("LINK_IN_VALUE", int(links.sum()), f"位客户的{label}含网址：发送时不填入{label}")
        found += _note("BRACKET_IN_VALUE", int((brackets & ~links).sum()), f"位客户的{label}含【】：发送时去掉【】")
        found += _note("EMPTY_VALUE", int(empty.sum()), f"位客户没有{label}：{{{name}}} 处将为空")
    if uses.get("class"):
        hidden = int(np.isin(classes, HIDDEN_CLASSES).sum())
        found += _note("EMPTY_VALUE", hidden, "位客户尚未分析或分析期内无购买：{class} 处将为空")
    return found


def _note(code: str, count: int, text: str) -> list[dict]:
    return [{"code": code, "count": count, "message": f"{count} {text}"}] if count else []
