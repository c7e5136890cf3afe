"""Customer replies that opt a number out of marketing SMS (R, T, TD, N, 退订, 拒收)."""
import re
import unicodedata

OPT_OUT_WORDS = frozenset({"R", "T", "TD", "N", "退订", "拒收"})
# Spaces, punctuation and symbols people add around a one-word reply ("TD。", " r ", "【退订】").
_NOISE = re.compile(r"[\s\W_]+")


def is_opt_out(text: str) -> bool:
    """Whether a reply is an opt-out word, whatever its case, width, spacing or punctuation."""
    word = _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).upper()
    return word in OPT_OUT_WORDS
