"""Marketing send window: 08:00–20:00 China time, whatever zone the time is given in."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.sms.window import CHINA, describe, in_window, next_start

UTC = timezone.utc
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def china(*args) -> datetime:
    return datetime(*args, tzinfo=CHINA)


@pytest.mark.parametrize(("moment", "allowed"), [
    (china(2026, 3, 2, 7, 59, 59), False),
    (china(2026, 3, 2, 8, 0, 0), True),
    (china(2026, 3, 2, 19, 59, 59), True),
    (china(2026, 3, 2, 20, 0, 0), False),
    (china(2026, 3, 2, 0, 0, 0), False),
])
def test_the_window_opens_at_eight_and_closes_at_twenty_china_time(moment, allowed):
    assert in_window(moment) is allowed
    assert in_window(moment.astimezone(UTC)) is allowed
    assert in_window(moment.astimezone(NEW_YORK_WINTER)) is allowed


def test_a_naive_time_is_taken_as_utc():
    assert in_window(datetime(2026, 3, 2, 0, 0)) is True      # 08:00 in China
    assert in_window(datetime(2026, 3, 1, 23, 59, 59)) is False  # 07:59:59 in China


def test_inside_the_window_the_next_start_is_now_in_utc():
    moment = china(2026, 3, 2, 12, 30)
    start = next_start(moment)
    assert start == moment and start.tzinfo == UTC


def test_before_eight_the_next_start_is_eight_the_same_china_day():
    assert next_start(china(2026, 3, 2, 7, 59, 59)) == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    # 23:30 UTC on 1 March is 07:30 on 2 March in China: the same China day, not the UTC day.
    assert next_start(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)) == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)


def test_from_twenty_on_the_next_start_is_eight_the_next_china_day():
    assert next_start(china(2026, 3, 2, 20, 0)) == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    assert next_start(china(2026, 3, 2, 23, 59, 59)) == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)


def test_the_next_start_crosses_month_and_year_ends():
    assert next_start(china(2026, 12, 31, 21, 0)) == datetime(2027, 1, 1, 0, 0, tzinfo=UTC)
    assert next_start(china(2028, 2, 28, 20, 0)) == datetime(2028, 2, 29, 0, 0, tzinfo=UTC)
    assert next_start(china(2027, 2, 28, 20, 0)) == datetime(2027, 3, 1, 0, 0, tzinfo=UTC)


def test_a_time_given_in_another_zone_is_judged_by_the_china_clock():
    # 07:00 in New York (winter) is 20:00 in China: closed, opens at 08:00 China the next day.
    moment = datetime(2026, 12, 31, 7, 0, tzinfo=NEW_YORK_WINTER)
    assert in_window(moment) is False
    assert next_start(moment) == datetime(2027, 1, 1, 0, 0, tzinfo=UTC)


def test_a_widened_window_always_allows_sending():
    for hour in (0, 7, 20, 23):
        moment = china(2026, 3, 2, hour, 59, 59)
        assert in_window(moment, (0, 24)) is True
        assert next_start(moment, (0, 24)) == moment


def test_other_hours_move_both_edges():
    assert in_window(china(2026, 3, 2, 8, 59), (9, 21)) is False
    assert in_window(china(2026, 3, 2, 20, 59), (9, 21)) is True
    assert next_start(china(2026, 3, 2, 21, 0), (9, 21)) == datetime(2026, 3, 3, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("hours", [(20, 8), (8, 8), (-1, 20), (8, 25)])
def test_an_impossible_window_is_refused(hours):
    with pytest.raises(ValueError, match="发送时段"):
        in_window(china(2026, 3, 2, 12, 0), hours)


def test_describe_says_when_sending_may_start():
    assert describe(china(2026, 3, 2, 12, 0)) == {"allowed": True, "next_start": None, "start": "08:00",
                                                  "end": "20:00"}
    assert describe(china(2026, 3, 2, 21, 15)) == {"allowed": False, "next_start": "2026-03-03T00:00:00+00:00",
                                                   "start": "08:00", "end": "20:00"}
    assert describe(china(2026, 3, 2, 3, 0), (0, 24))["end"] == "24:00"
