"""Growth series for the 运营统计 chart: China days and running totals from daily counts."""
from datetime import datetime, timezone

from chalicelib.domain.stats.growth import china_day, last_days, series


def test_a_day_is_the_china_date_so_utc_evening_is_the_next_day():
    assert china_day(datetime(2026, 11, 30, 15, 59, 59, tzinfo=timezone.utc)) == "2026-11-30"
    assert china_day(datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)) == "2026-12-01"
    assert china_day(datetime(2026, 11, 30, 16, 0)) == "2026-12-01"  # naive is UTC


def test_the_last_days_end_today_oldest_first_across_a_month_end():
    assert last_days(3, "2026-03-01") == ["2026-02-27", "2026-02-28", "2026-03-01"]
    assert len(last_days(30, "2026-12-01")) == 30


def test_running_totals_end_with_todays_total_and_step_back_by_each_days_count():
    days = ["2026-11-28", "2026-11-29", "2026-11-30"]
    assert series(days, {"2026-11-28": 2, "2026-11-30": 5}, 40) == {"daily": [2, 0, 5], "total": [35, 35, 40]}


def test_an_empty_window_is_flat_at_the_total():
    assert series(["2026-11-29", "2026-11-30"], {}, 7) == {"daily": [0, 0], "total": [7, 7]}


def test_a_rollback_day_may_count_negative_and_the_total_falls():
    assert series(["2026-11-29", "2026-11-30"], {"2026-11-29": 10, "2026-11-30": -4}, 6) == {
        "daily": [10, -4], "total": [10, 6]}


def test_a_deleted_tenants_additions_never_push_an_earlier_total_below_zero():
    days = ["2026-12-07", "2026-12-08", "2026-12-09"]  # 9 tenants registered on the 9th, one of them since deleted
    assert series(days, {"2026-12-09": 9}, 8)["total"] == [0, 0, 8]
