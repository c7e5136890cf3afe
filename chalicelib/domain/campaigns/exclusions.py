"""Who a campaign must not send to, and why: one reason per customer, in a fixed precedence.

Reasons are checked in REASONS order and a customer gets the first that applies, so each is
counted once. Numbers shared by several otherwise-eligible customers get one SMS: the first
row keeps it, the others are "duplicate_mobile". The caps count what a number already got or
is planned to get: one more marketing SMS must stay within both.
"""
import re
from functools import lru_cache

import numpy as np
import phonenumbers

REASONS = ("no_mobile", "invalid_mobile", "no_consent", "opted_out", "frequency_cap", "daily_limit",
           "duplicate_mobile")
LABELS = {"no_mobile": "无手机号", "invalid_mobile": "手机号无效", "no_consent": "未同意接收短信",
          "opted_out": "已退订", "frequency_cap": "超出频次上限", "daily_limit": "超出单号日上限",
          "duplicate_mobile": "重复手机号"}
ELIGIBLE = 0
DUPLICATE = REASONS.index("duplicate_mobile") + 1


@lru_cache(maxsize=1)
def _mobile_rule() -> re.Pattern:
    """libphonenumber's rule for Chinese mobile numbers, the one imports and edits apply."""
    cn = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    # The CN metadata ships with phonenumbers: never None.
    return re.compile(cn.mobile.national_number_pattern)  # type: ignore[union-attr]


def valid_mobiles(mobiles: np.ndarray) -> np.ndarray:
    """True for 11-digit mainland China mobile numbers."""
    match = _mobile_rule().fullmatch
    return np.fromiter((match(mobile) is not None for mobile in np.asarray(mobiles, dtype=str).tolist()),
                       bool, len(mobiles))


def numbers(mobiles: np.ndarray) -> np.ndarray:
    """Each 11-digit mobile as an int64 (-1 for anything else): set operations on numbers are much
    faster than on strings."""
    text = np.asarray(mobiles, dtype=str)
    width = text.dtype.itemsize // 4
    if width < 11 or len(text) == 0:
        return np.full(len(text), -1, dtype=np.int64)
    chars = np.ascontiguousarray(text).view(np.uint32).reshape(len(text), width)
    digits = chars[:, :11].astype(np.int64) - ord("0")
    shaped = ((digits >= 0) & (digits <= 9)).all(axis=1)
    if width > 11:
        shaped &= chars[:, 11] == 0
    return np.where(shaped, digits @ 10 ** np.arange(10, -1, -1, dtype=np.int64), -1)


def times(mobiles: np.ndarray, occurrences: np.ndarray) -> np.ndarray:
    """How often each mobile (int64, from numbers) appears in `occurrences` (one entry per SMS)."""
    if len(occurrences) == 0:
        return np.zeros(len(mobiles), dtype=np.int64)
    values, counts = np.unique(numbers(occurrences), return_counts=True)
    at = np.minimum(np.searchsorted(values, mobiles), len(values) - 1)
    return np.where(values[at] == mobiles, counts[at], 0)


def classify(mobiles, consent, opted_out, recent_marketing, cap_count: int, today_all,
             daily_limit: int) -> np.ndarray:
    """int8 per customer: 0 eligible, i + 1 for REASONS[i] (the first that applies)."""
    mobiles = np.asarray(mobiles, dtype=str)
    missing = mobiles == ""
    valid = valid_mobiles(mobiles)
    number = np.where(valid, numbers(mobiles), -1)
    reasons = np.select(
        [missing, ~valid, ~np.asarray(consent, dtype=bool), np.isin(number, numbers(opted_out)),
         times(number, recent_marketing) >= cap_count, times(number, today_all) >= daily_limit],
        list(np.arange(1, DUPLICATE, dtype=np.int8)), ELIGIBLE).astype(np.int8)
    eligible = np.flatnonzero(reasons == ELIGIBLE)
    _, first = np.unique(number[eligible], return_index=True)
    repeated = np.ones(len(eligible), dtype=bool)
    repeated[first] = False
    reasons[eligible[repeated]] = DUPLICATE
    return reasons


def counts(reasons: np.ndarray) -> dict[str, int]:
    """Customers excluded for each reason (every reason present, zero included)."""
    tally = np.bincount(np.asarray(reasons, dtype=np.int64), minlength=len(REASONS) + 1)
    return {reason: int(tally[index + 1]) for index, reason in enumerate(REASONS)}
