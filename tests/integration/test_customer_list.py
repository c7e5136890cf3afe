"""The customer list over the table: store filter, sorts by lifetime figures, items with store and spend."""
import numpy as np
import pytest

from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.domain.customer_columns import MISSING_DAY, day_number
from chalicelib.services import customers

TENANT = "t-list"


def customer(code, name, mobile="", store=""):
    return {"customer_code": code, "name": name, "mobile": mobile, "gender": "", "birthday": "", "region": "",
            "id_number": "", "tags": [], "sms_consent": False, "rfm_class": None, "store": store,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "last_import_id": "i"}


@pytest.fixture
def table(aws):
    table = CustomerTable(TENANT)
    table.upsert([customer("A1", "张三", "13800000001", "南店"), customer("A2", "李四", "13800000002"),
                  customer("B1", "Wang Wu", "13900000003"), customer("B2", "张小花", "13900000004", "北店")])
    table.write_columns({
        "main_store": np.array(["北店", "北店", "", "南店"]), "order_count": np.array([3, 1, 0, 7], dtype=np.int32),
        "total_fen": np.array([12340, 500, 0, 99900], dtype=np.int64),
        "last_order_day": np.array([day_number("2026-03-01"), day_number("2026-05-01"), MISSING_DAY,
                                    day_number("2026-04-01")], dtype=np.int32)})
    return table


def codes(page) -> list[str]:
    return [item["customer_code"] for item in page["items"]]


def test_items_carry_store_last_order_count_and_spend_in_yuan(table):
    first = customers.list_customers(TENANT)["items"][0]

    assert {k: first[k] for k in ("store", "last_order_date", "order_count", "total_spent")} == {
        "store": "南店", "last_order_date": "2026-03-01", "order_count": 3, "total_spent": "123.40"}


def test_the_store_filter_keeps_the_store_in_force_imported_else_main(table):
    assert codes(customers.list_customers(TENANT, store="北店")) == ["A2", "B2"]
    assert codes(customers.list_customers(TENANT, store="南店")) == ["A1"]


@pytest.mark.parametrize("sort,order,expected", [
    ("total_spent", "desc", ["B2", "A1", "A2", "B1"]), ("order_count", "asc", ["B1", "A2", "A1", "B2"]),
    ("last_order_date", "desc", ["A2", "B2", "A1", "B1"]), ("name", "asc", ["B1", "张三", "张小花", "李四"])])
def test_the_list_sorts_by_lifetime_figures_and_names(table, sort, order, expected):
    page = customers.list_customers(TENANT, sort=sort, order=order)
    shown = [item["customer_code"] if sort != "name" or item["customer_code"] == "B1" else item["name"]
             for item in page["items"]]
    assert shown == expected


def test_search_matches_chinese_names_codes_ignoring_case_and_mobiles(table):
    assert codes(customers.list_customers(TENANT, q="张")) == ["A1", "B2"]
    assert codes(customers.list_customers(TENANT, q="wang")) == ["B1"]
    assert codes(customers.list_customers(TENANT, q="b2")) == ["B2"]
    assert codes(customers.list_customers(TENANT, q="0002")) == ["A2"]


def test_a_caller_without_mobile_rights_sees_masked_mobiles(table):
    page = customers.list_customers(TENANT, mobile_visible=False, q="A1")

    assert page["items"][0]["mobile"] == "138****0001"


def test_the_class_distribution_counts_one_stores_customers(table):
    counts = customers.distribution(TENANT, store="北店")

    assert counts["total"] == 2 and counts["classes"][-1] == {"name": "未分析", "count": 2}


def test_an_unknown_sort_is_refused_in_chinese(table):
    from chalicelib.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="排序字段只能是"):
        customers.list_customers(TENANT, sort="mobile")
