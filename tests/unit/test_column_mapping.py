"""A tenant's column mapping: checked as saved, read before the aliases, and MISSING_COLUMNS carries what to map."""
import pytest

from chalicelib.domain.column_mapping import MAX_HEADER_LENGTH, clean_mapping
from chalicelib.domain.import_spec import CUSTOMERS, ORDERS
from chalicelib.domain.table_reader import read_table, rows_table
from chalicelib.domain.table_reader.layout import match_headers
from chalicelib.errors import MissingColumns, ValidationFailed
from tests.unit.import_fixtures import csv_bytes, xlsx_bytes

ODD = [["单据", "会员ID", "日期", "金额"], ["D1", "K1", "2026-03-01", "5"]]


def test_a_file_missing_required_columns_names_its_own_headers_and_the_missing_fields():
    with pytest.raises(MissingColumns) as raised:
        read_table(csv_bytes(ODD), "odd.csv", ORDERS)
    assert raised.value.code == "MISSING_COLUMNS"
    assert raised.value.headers == ["单据", "会员ID", "日期", "金额"]
    assert raised.value.missing == ["order_id", "customer_code", "ordered_at"]
    assert "缺少必填列：订单编号、客户编码、下单时间" in raised.value.message


@pytest.mark.parametrize("make, name", [(csv_bytes, "odd.csv"), (xlsx_bytes, "odd.xlsx")])
def test_mapped_headers_name_their_fields(make, name):
    mapping = {"order_id": "单据", "customer_code": "会员ID", "ordered_at": "日期"}
    table = read_table(make(ODD), name, ORDERS, mapping=mapping)
    assert table.headers == {"order_id": "单据", "customer_code": "会员ID", "ordered_at": "日期", "amount": "金额"}


def test_a_mapped_header_wins_over_an_alias_of_the_same_or_another_field():
    headers, ignored = match_headers(["客户编码", "会员号", "VIP"], CUSTOMERS, {"customer_code": "vip", "name": "会员号"})
    assert headers == {"customer_code": "VIP", "name": "会员号"}
    assert ignored == ["客户编码"]


def test_a_mapping_whose_header_the_file_lacks_leaves_the_aliases_working():
    headers, _ = match_headers(["客户编码"], CUSTOMERS, {"customer_code": "会员ID"})
    assert headers == {"customer_code": "客户编码"}


def test_bulk_rows_keyed_by_mapped_headers_import():
    table = rows_table([{"会员ID": "K1", "VIP姓名": "张三"}], CUSTOMERS, mapping={"customer_code": "会员ID",
                                                                            "name": "VIP姓名"})
    assert table.column("customer_code").tolist() == ["K1"] and table.column("name").tolist() == ["张三"]


def test_unnamed_columns_are_not_offered_for_mapping():
    with pytest.raises(MissingColumns) as raised:
        read_table(csv_bytes([["会员ID", ""], ["K1", "x"]]), "a.csv", CUSTOMERS)
    assert raised.value.headers == ["会员ID"]


def test_a_clean_mapping_drops_blank_entries_and_trims():
    assert clean_mapping(ORDERS, {"order_id": " 单据 ", "amount": "", "customer_code": None}) == {"order_id": "单据"}


@pytest.mark.parametrize("mapping, path", [
    ({"nickname": "昵称"}, "mapping.nickname"),
    ({"order_id": "单据", "customer_code": " 单据"}, "mapping.customer_code"),
    ({"order_id": "单" * (MAX_HEADER_LENGTH + 1)}, "mapping.order_id"),
    ({"order_id": 5}, "mapping.order_id"),
])
def test_a_bad_mapping_is_refused_naming_the_entry(mapping, path):
    with pytest.raises(ValidationFailed) as raised:
        clean_mapping(ORDERS, mapping)
    assert [detail["field"] for detail in raised.value.details] == [path]


def test_a_mapping_that_is_not_an_object_is_refused():
    with pytest.raises(ValidationFailed):
        clean_mapping(CUSTOMERS, ["customer_code"])
