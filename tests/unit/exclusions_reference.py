"""An independent reference for campaign exclusions: one customer at a time, plain Python."""
import re
from collections import Counter

# Written out by hand from libphonenumber's CN mobile metadata, so the reference does not share the engine's rule.
MOBILE = re.compile(r"1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}")


def reference(mobiles, consent, opted_out, recent_marketing, cap_count, today_all, daily_limit) -> list[str]:
    """The reason each customer is excluded, "" when eligible."""
    opted, recent, today = set(opted_out), Counter(recent_marketing), Counter(today_all)
    kept, reasons = set(), []
    for mobile, agreed in zip(mobiles, consent):
        if mobile == "":
            reason = "no_mobile"
        elif not MOBILE.fullmatch(mobile):
            reason = "invalid_mobile"
        elif not agreed:
            reason = "no_consent"
        elif mobile in opted:
            reason = "opted_out"
        elif recent[mobile] + 1 > cap_count:
            reason = "frequency_cap"
        elif today[mobile] + 1 > daily_limit:
            reason = "daily_limit"
        elif mobile in kept:
            reason = "duplicate_mobile"
        else:
            reason = ""
            kept.add(mobile)
        reasons.append(reason)
    return reasons
