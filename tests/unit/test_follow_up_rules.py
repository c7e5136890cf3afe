"""跟进记录 rules: the request's checks and which customers are due (newest follow-up per customer only)."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.follow_ups import FollowUpRequest, check_not_future, due
from chalicelib.domain.schemas import parse
from chalicelib.errors import ValidationFailed


def _entry(code, created_at, next_date=""):
    return {"customer_code": code, "created_at": created_at, "entry_key": f"{code}#{created_at}#0",
            "next_date": next_date}


def test_a_valid_request_keeps_line_breaks_and_an_empty_next_date():
    request = parse(FollowUpRequest, {"followed_at": "2026-05-01", "way": "微信", "content": " 第一行\r\n第二行 "})

    assert request.content == "第一行\n第二行" and request.next_date == ""


@pytest.mark.parametrize("body, field", [
    ({"followed_at": "2026-5-1", "way": "电话", "content": "x"}, "followed_at"),
    ({"followed_at": "2026-05-01", "way": "邮件", "content": "x"}, "way"),
    ({"followed_at": "2026-05-01", "way": "电话", "content": "  "}, "content"),
    ({"followed_at": "2026-05-01", "way": "电话", "content": "x", "next_date": "2026-04-30"}, "next_date"),
    ({"followed_at": "2026-05-01", "way": "电话", "content": "x", "next_date": "2026-02-30"}, "next_date"),
])
def test_a_bad_field_is_named_with_a_chinese_message(body, field):
    with pytest.raises(ValidationFailed) as refused:
        parse(FollowUpRequest, body)

    assert refused.value.details[0]["field"] == field and refused.value.details[0]["message"]


def test_a_follow_up_cannot_be_dated_after_today():
    check_not_future("2026-05-01", date(2026, 5, 1))
    with pytest.raises(ValidationFailed):
        check_not_future("2026-05-02", date(2026, 5, 1))


def test_a_later_follow_up_supersedes_an_earlier_due_date_with_or_without_its_own():
    entries = [_entry("A", "t1", "2026-05-01"), _entry("A", "t2"),
               _entry("B", "t1", "2026-05-01"), _entry("B", "t2", "2026-06-01"),
               _entry("C", "t2", "2026-05-02"), _entry("C", "t1", "2026-04-01")]

    assert [e["customer_code"] for e in due(entries, "2026-05-10")] == ["C"]


@given(st.lists(st.tuples(st.sampled_from("ABC"), st.integers(0, 50), st.one_of(st.none(), st.integers(0, 30))),
                max_size=30), st.integers(0, 30))
def test_due_matches_a_plain_reading_of_the_rule(raw, today):
    entries = [_entry(code, f"t{n:03d}", f"2026-05-{1 + d:02d}" if d is not None else "") for code, n, d in raw]
    today_text = f"2026-05-{1 + today:02d}"

    expected = []
    for code in "ABC":
        mine = [e for e in entries if e["customer_code"] == code]
        if mine:
            newest = max(mine, key=lambda e: (e["created_at"], e["entry_key"]))
            if newest["next_date"] and newest["next_date"] <= today_text:
                expected.append(newest)

    got = due(entries, today_text)
    assert sorted(map(id, got)) == sorted(map(id, expected))
    assert [e["next_date"] for e in got] == sorted(e["next_date"] for e in got)
