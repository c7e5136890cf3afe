"""跟进记录: add and list a customer's follow-ups; the home page's due list keeps each customer's newest only."""
from datetime import timedelta

from chalicelib.domain.rfm.params import china_today
from tests.integration.analysis_helpers import tenant  # noqa: F401  (fixture)
from tests.integration.helpers import approved_tenant


def _day(offset: int) -> str:
    return (china_today() + timedelta(days=offset)).isoformat()


def _add(api, token, code, **fields):
    body = {"followed_at": _day(-3), "way": "电话", "content": "电话回访，提醒复购", **fields}
    return api.post(f"/api/customers/{code}/follow-ups", body, token=token)


def test_follow_ups_are_listed_newest_first_and_the_newest_shows_on_the_detail(api, aws, tenant):
    _, token = tenant

    first = _add(api, token, "C00001", content="第一次\n电话回访")
    second = _add(api, token, "C00001", way="到店", content="到店复购", next_date=_day(7))

    assert first.status_code == 201 and second.status_code == 201, (first.data, second.data)
    items = api.get("/api/customers/C00001/follow-ups", token=token).data["items"]
    assert [item["content"] for item in items] == ["到店复购", "第一次\n电话回访"]
    assert items[0]["by"] == "pharmacy1" and items[0]["next_date"] == _day(7) and items[1]["next_date"] is None
    assert api.get("/api/customers/C00001", token=token).data["last_follow_up"]["content"] == "到店复购"


def test_a_follow_up_is_checked_field_by_field(api, aws, tenant):
    _, token = tenant
    cases = {"way": {"way": "邮件"}, "content": {"content": "长" * 501}, "next_date": {"next_date": _day(-4)},
             "followed_at": {"followed_at": _day(1)}}

    answers = {field: _add(api, token, "C00001", **fields) for field, fields in cases.items()}
    missing = api.post("/api/customers/C00001/follow-ups", {}, token=token)

    for field, answer in answers.items():
        assert answer.status_code == 400 and answer.data["details"][0]["field"] == field, (field, answer.data)
    assert {d["field"] for d in missing.data["details"]} == {"followed_at", "way", "content"}
    assert api.get("/api/customers/C00001/follow-ups", token=token).data["items"] == []
    assert _add(api, token, "NOPE").status_code == 404


def test_the_due_list_keeps_each_customers_newest_follow_up_and_only_past_dates(api, aws, tenant):
    # Given C00001 due yesterday, C00002 due today, C00003 due next week,
    # and C00004 once due but followed up since without a next date
    _, token = tenant
    _add(api, token, "C00001", next_date=_day(-1))
    _add(api, token, "C00002", next_date=_day(0), content="约今天复诊")
    _add(api, token, "C00003", next_date=_day(7))
    _add(api, token, "C00004", next_date=_day(-2))
    _add(api, token, "C00004", followed_at=_day(-1), content="已到店，不需再跟进")
    _add(api, token, "C00005", next_date=_day(-2))
    _add(api, token, "C00005", followed_at=_day(-1), next_date=_day(5), content="改约下周")

    # When the home page asks what is due
    due = api.get("/api/follow-ups/due", token=token).data

    # Then the longest overdue comes first, with the customer's name and the last content
    assert [(item["customer_code"], item["next_date"]) for item in due["items"]] == [
        ("C00001", _day(-1)), ("C00002", _day(0))]
    assert due["items"][1]["name"] == "客户2" and due["items"][1]["content"] == "约今天复诊"
    assert due["total"] == 2 and due["today"] == _day(0)
    _, other_token = approved_tenant(api, 2)
    assert api.get("/api/follow-ups/due", token=other_token).data["items"] == []
