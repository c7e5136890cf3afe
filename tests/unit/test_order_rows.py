"""Validating order files: clean frame, repeats skipped, every error listed."""
import datetime as dt

import numpy as np

from chalicelib.domain.import_spec import ORDERS
from chalicelib.domain.order_rows import validate_orders
from chalicelib.domain.table import RowIssue
from chalicelib.domain.table_reader import read_table, rows_table
from chalicelib.domain.validation import validate
from tests.unit.import_fixtures import ORDER_HEADER, csv_bytes, xlsx_bytes

CHINA = dt.timezone(dt.timedelta(hours=8))


def epoch(*parts) -> int:
    return int(dt.datetime(*parts, tzinfo=CHINA).timestamp())


TODAY = dt.date(2026, 12, 1)


def orders(rows, header=ORDER_HEADER, name="orders.csv", today=TODAY):
    data = xlsx_bytes([header, *rows]) if name.endswith(".xlsx") else csv_bytes([header, *rows])
    return validate_orders(read_table(data, name, ORDERS), today)


def test_a_clean_file_gives_typed_columns_in_utc_seconds_and_fen():
    result = orders([["SO1", "C001", "2026-03-01 14:05:09", "128.50"], ["SO2", "00042", "2026/3/2", "¥1,000"]])
    assert result.ok and result.skipped == [] and result.notices == []
    assert list(result.frame.columns) == ["order_id", "customer_code", "ordered_at", "amount_fen", "row"]
    assert result.frame.to_dict("records") == [
        {"order_id": "SO1", "customer_code": "C001", "ordered_at": epoch(2026, 3, 1, 14, 5, 9),
         "amount_fen": 12850, "row": 2},
        {"order_id": "SO2", "customer_code": "00042", "ordered_at": epoch(2026, 3, 2), "amount_fen": 100000,
         "row": 3}]
    assert [str(result.frame[c].dtype) for c in ("ordered_at", "amount_fen", "row")] == ["int64"] * 3
    assert result.fields == ("order_id", "customer_code", "ordered_at", "amount")


def test_a_date_without_time_is_midnight_china_time():
    result = orders([["SO1", "C1", "20260301", "1"]])
    assert result.frame["ordered_at"].tolist() == [int(dt.datetime(2026, 2, 28, 16, tzinfo=dt.timezone.utc).timestamp())]


def test_an_xlsx_with_date_cells_serials_and_numbers_validates():
    rows = [["SO1", "C1", dt.datetime(2026, 3, 1, 14, 5), 128.5], ["SO2", 42, 45352.5, 3],
            [10001, "C3", dt.date(2026, 3, 1), "-12.30"]]
    result = orders(rows, name="orders.xlsx")
    assert result.ok
    assert result.frame["order_id"].tolist() == ["SO1", "SO2", "10001"]
    assert result.frame["customer_code"].tolist() == ["C1", "42", "C3"]
    assert result.frame["ordered_at"].tolist() == [epoch(2026, 3, 1, 14, 5), epoch(2024, 3, 1, 12), epoch(2026, 3, 1)]
    assert result.frame["amount_fen"].tolist() == [12850, 300, -1230]


def test_an_order_repeated_in_the_file_keeps_its_first_row_and_skips_the_others():
    result = orders([["SO1", "C1", "2026-03-01", "1"], ["SO2", "C1", "2026-03-01", "2"],
                     ["SO1", "C9", "2026-03-09", "9"], [], ["SO1", "C1", "2026-03-01", "1"]])
    assert result.ok
    assert result.frame["row"].tolist() == [2, 3]
    assert result.frame["amount_fen"].tolist() == [100, 200]
    assert result.skipped == [RowIssue(4, "订单编号", "订单编号与第 2 行重复，已跳过"),
                              RowIssue(6, "订单编号", "订单编号与第 2 行重复，已跳过")]


def test_every_error_is_listed_row_by_row_under_the_files_own_headers():
    header = ["order_no", "会员编号", "Order_Time", "金额"]
    result = orders([["SO1", "", "2026-02-30", "1.005"], ["SO" + "9" * 70, "C\t1", "2026-03-01", "abc"],
                     ["SO3", "C3", "1980-01-01", ""], ["SO4", "C4", "2026-03-01", "5"]], header=header)
    assert not result.ok
    assert [issue.text() for issue in result.errors] == [
        "第 2 行，列 会员编号：客户编码不能为空，请填写",
        "第 2 行，列 Order_Time：下单时间“2026-02-30”不是有效的日期或时间（如 2 月 30 日、25 点），请检查",
        "第 2 行，列 金额：订单金额“1.005”最多两位小数",
        f"第 3 行，列 order_no：订单编号“SO{'9' * 28}…”最多 64 个字符，请缩短",
        "第 3 行，列 会员编号：客户编码“C\ufffd1”包含换行、制表符或不可见字符，请删除这些字符",
        "第 3 行，列 金额：订单金额“abc”格式不正确，请填写数字，如 128.50（可带 ¥ 和千位分隔符）",
        "第 4 行，列 Order_Time：下单时间“1980-01-01”须在 1990-01-01 至 2026-12-01 之间",
        "第 4 行，列 金额：订单金额不能为空，请填写"]
    assert result.frame["row"].tolist() == [5]


def test_an_order_dated_after_today_in_china_is_a_row_error_and_late_today_is_not():
    result = orders([["SO1", "C1", "2026-12-01 23:59:59", "1"], ["SO2", "C2", "2026-12-02 00:00", "2"],
                     ["SO3", "C3", "2027-01-01", "3"]])
    assert [issue.text() for issue in result.errors] == [
        "第 3 行，列 下单时间：下单时间“2026-12-02 00:00”须在 1990-01-01 至 2026-12-01 之间",
        "第 4 行，列 下单时间：下单时间“2027-01-01”须在 1990-01-01 至 2026-12-01 之间"]
    assert result.frame["row"].tolist() == [2]


def test_blank_order_ids_are_errors_not_repeats():
    result = orders([["", "C1", "2026-03-01", "1"], ["", "C2", "2026-03-01", "2"]])
    assert [issue.row for issue in result.errors] == [2, 3]
    assert result.skipped == []


def test_validate_adds_a_notice_for_ignored_columns():
    data = csv_bytes([ORDER_HEADER + ["备注", "收银员"], ["SO1", "C1", "2026-03-01", "1", "x", "y"]])
    result = validate(read_table(data, "a.csv", ORDERS))
    assert result.ok and result.notices == ["已忽略未识别的列：备注、收银员"]


def test_an_order_file_with_a_store_column_keeps_each_orders_store():
    data = csv_bytes([ORDER_HEADER + ["销售门店"], ["SO1", "C1", "2026-03-01", "1", " 南山店 "],
                      ["SO2", "C1", "2026-03-02", "2", ""]])
    result = validate(read_table(data, "a.csv", ORDERS))
    assert result.ok and result.fields[-1] == "store"
    assert result.frame["store"].tolist() == ["南山店", ""]


def test_bulk_orders_validate_the_same_way():
    result = validate(rows_table([{"order_id": "SO1", "customer_code": "C1", "ordered_at": "2026-03-01 08:00",
                                   "amount": 12.5}, {"order_id": "SO1", "customer_code": "C1",
                                                     "ordered_at": "2026-03-01", "amount": "1"}], ORDERS))
    assert result.frame["amount_fen"].tolist() == [1250]
    assert result.skipped == [RowIssue(2, "order_id", "订单编号与第 1 行重复，已跳过")]


def test_a_large_clean_file_validates_without_python_loops_per_row():
    count = 20_000
    rows = [[f"SO{i:08d}", f"C{i % 977:05d}", f"2026-03-{i % 28 + 1:02d} 10:{i % 60:02d}:00", f"{i % 5000}.{i % 100:02d}"]
            for i in range(count)]
    result = orders(rows)
    assert result.ok and len(result.frame) == count
    assert np.array_equal(result.frame["row"].to_numpy(), np.arange(2, count + 2))
