"""本月用量 counts from the first instant of the China month, as the UTC time-ids of imports and analyses sort."""
from datetime import datetime, timezone

from chalicelib.services.tenant_data.storage import month_start_utc


def test_the_china_month_starts_at_16_00_utc_the_day_before():
    assert month_start_utc(datetime(2026, 12, 15, 3, 0, tzinfo=timezone.utc)) == ("2026-12", "20261130160000")


def test_late_on_the_last_utc_day_it_is_already_the_next_china_month():
    assert month_start_utc(datetime(2026, 11, 30, 17, 0, tzinfo=timezone.utc)) == ("2026-12", "20261130160000")
    assert month_start_utc(datetime(2026, 11, 30, 15, 59, tzinfo=timezone.utc)) == ("2026-11", "20261031160000")
