"""When an export runs as a job: beyond what one API answer builds within a couple of seconds.

API Gateway answers within 29 s and 10 MB; about 20,000 rows build in a second or two and stay far below
10 MB, so up to that many rows the file comes back at once and beyond it a worker builds it."""

JOB_MAX_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows, the header among them


def runs_as_job(rows: int, limit: int) -> bool:
    """True when `rows` (the most the export can hold) is more than `limit` rows."""
    return rows > limit


def percent(done: int, total: int, low: int = 5, high: int = 95) -> int:
    """Progress between `low` and `high` per cent after `done` of `total` steps (the ends are start and upload)."""
    if total <= 0:
        return high
    return low + (high - low) * min(done, total) // total
