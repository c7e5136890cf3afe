"""Which saved analysis the customers' current classes come from (当前分类).

By default the one with the latest window end (on a tie, the later save): saving an analysis of
an older window, to compare with, never changes the classes in force. A user may instead set an
analysis as current (设为当前分类); that choice holds until an analysis that would win by default
is saved after it. Deleting the analysis in force leaves the rule to pick among those left.
"""


def in_force(analyses: list[dict]) -> str | None:
    """analysis_id in force among saved analyses {analysis_id, end, saved_at, pinned_at}; None when there are none.

    `end` is YYYY-MM-DD and the times ISO-8601 UTC of one precision, so they compare as text."""
    if not analyses:
        return None
    latest = max(analyses, key=lambda a: (a["end"], a["saved_at"] or "", a["analysis_id"]))
    pins = [a for a in analyses if a.get("pinned_at")]
    if pins:
        pinned = max(pins, key=lambda a: (a["pinned_at"], a["analysis_id"]))
        if pinned["pinned_at"] > (latest["saved_at"] or ""):
            return pinned["analysis_id"]
    return latest["analysis_id"]
