"""Validating customer files: only present fields, normalised values, repeated codes."""
import csv
import datetime as dt
import io
import tracemalloc

from chalicelib.domain.cleaning.issues import Issues
from chalicelib.domain.customer_rows import validate_customers
from chalicelib.domain.error_file import error_file
from chalicelib.domain.import_spec import CUSTOMERS
from chalicelib.domain.table_reader import read_table, rows_table
from chalicelib.domain.validation import validate
from tests.unit.import_fixtures import CUSTOMER_HEADER, csv_bytes, xlsx_bytes

TODAY = dt.date(2026, 6, 30)


def customers(rows, header=CUSTOMER_HEADER, name="customers.csv"):
    data = xlsx_bytes([header, *rows]) if name.endswith(".xlsx") else csv_bytes([header, *rows])
    return validate_customers(read_table(data, name, CUSTOMERS), today=TODAY)


def test_a_full_row_is_normalised_field_by_field():
    result = customers([["C001", " 张三 ", "+86 138 1234 5678", "F", "1985/6/1", "浙江省/杭州市",
                         "11010519491231002x", "慢病，会员;慢病", "是"]])
    assert result.ok
    assert result.frame.to_dict("records") == [{
        "customer_code": "C001", "name": "张三", "mobile": "13812345678", "gender": "女", "birthday": "1985-06-01",
        "region": "浙江省/杭州市", "id_number": "11010519491231002X", "tags": "慢病,会员", "sms_consent": True,
        "row": 2}]


def test_only_the_columns_in_the_file_are_in_the_frame():
    result = customers([["C1", "13812345678"], ["C2", ""]], header=["会员编号", "手机"])
    assert result.fields == ("customer_code", "mobile")
    assert list(result.frame.columns) == ["customer_code", "mobile", "row"]
    assert result.frame["mobile"].tolist() == ["13812345678", ""]


def test_blank_optional_cells_are_empty_values_and_blank_consent_means_no():
    result = customers([["C1", "", "", "", "", "", "", "", ""]])
    record = result.frame.to_dict("records")[0]
    assert record["sms_consent"] is False
    assert {key for key, value in record.items() if value == ""} == {
        "name", "mobile", "gender", "birthday", "region", "id_number", "tags"}


def test_an_xlsx_with_typed_cells_validates():
    rows = [["C1", "李四", 13812345678, "M", dt.datetime(1990, 1, 2), "北京", "", "", True],
            [1002, "王五", "", "女", 32874, "", "", "", 0]]
    result = customers(rows, name="customers.xlsx")
    assert result.ok
    assert result.frame["customer_code"].tolist() == ["C1", "1002"]
    assert result.frame["mobile"].tolist() == ["13812345678", ""]
    assert result.frame["birthday"].tolist() == ["1990-01-02", "1990-01-01"]
    assert result.frame["sms_consent"].tolist() == [True, False]


def test_a_code_repeated_in_the_file_is_an_error_on_every_row_naming_the_others():
    result = customers([["C001"], ["C002"], ["C001"], ["C003"], ["C001"], ["C002"]], header=["客户编码"])
    assert [issue.text() for issue in result.errors] == [
        "第 2 行，列 客户编码：客户编码 C001 与第 4、6 行重复",
        "第 3 行，列 客户编码：客户编码 C002 与第 7 行重复",
        "第 4 行，列 客户编码：客户编码 C001 与第 2、6 行重复",
        "第 6 行，列 客户编码：客户编码 C001 与第 2、4 行重复",
        "第 7 行，列 客户编码：客户编码 C002 与第 3 行重复"]
    assert result.frame["customer_code"].tolist() == ["C003"]


def test_codes_that_differ_only_by_spaces_or_full_width_are_the_same_code():
    result = customers([["C001"], [" Ｃ００１ "]], header=["客户编码"])
    assert [issue.row for issue in result.errors] == [2, 3]


def test_every_bad_value_is_reported_with_its_column():
    result = customers([["", "名" * 51, "12345", "X", "2027-01-01", "地\n区", "110105194912310021", "", "也许"],
                        ["C2", "", "", "", "1899-12-31", "", "", "一" * 21, ""]])
    assert [(issue.row, issue.column) for issue in result.errors] == [
        (2, "客户编码"), (2, "客户名称"), (2, "手机号"), (2, "性别"), (2, "生日"), (2, "地区"), (2, "身份证号"),
        (2, "短信同意"), (3, "生日"), (3, "标签")]
    birthday = result.errors[4].message
    assert birthday == "生日“2027-01-01”须在 1900-01-01 至 2026-06-30 之间"
    assert result.frame.empty


def test_validate_dispatches_customers_and_notes_ignored_columns():
    data = csv_bytes([["客户编码", "积分"], ["C1", "100"]])
    result = validate(read_table(data, "a.csv", CUSTOMERS))
    assert result.ok and result.notices == ["已忽略未识别的列：积分"]
    assert result.fields == ("customer_code",)


def test_bulk_customers_report_rows_by_item_number():
    result = validate(rows_table([{"customer_code": "C1", "gender": "男"}, {"code": "C1", "gender": "?"}], CUSTOMERS))
    assert [issue.text() for issue in result.errors] == [
        "第 1 行，列 customer_code：客户编码 C1 与第 2 行重复",
        "第 2 行，列 customer_code：客户编码 C1 与第 1 行重复",
        "第 2 行，列 gender：性别“?”请填写 男 或 女（也可填 M / F）"]


def test_a_file_whose_every_row_is_wrong_keeps_its_issues_in_a_few_bytes_each_yet_lists_and_marks_them_all(
        monkeypatch):
    monkeypatch.setattr(Issues, "CHUNK", 7)  # chunks that split a row's issues
    count = 30_000
    data = csv_bytes([["客户编码", "手机号", "性别"]] + [["C1", f"1{n}", "未知"] for n in range(count)])
    table = read_table(data, "customers.csv", CUSTOMERS)
    validate_customers(table, today=TODAY)  # the table's own caches, once
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = validate_customers(table, today=TODAY)
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()

    assert len(result.errors) == 3 * count and not result.ok
    assert kept < 40 * len(result.errors)  # a RowIssue and its message string each took about 270 bytes
    assert [issue.text() for issue in result.errors[-3:]] == [
        f"第 {count + 1} 行，列 客户编码：客户编码 C1 与第 2、3、4、5、6 等 {count - 1} 行重复",
        f"第 {count + 1} 行，列 手机号：手机号“1{count - 1}”格式不正确，请填写 11 位中国大陆手机号（可带 +86）",
        f"第 {count + 1} 行，列 性别：性别“未知”请填写 男 或 女（也可填 M / F）"]
    content, _, _ = error_file(table, result.errors)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]
    assert len(rows) == count and all(row[-1].count("列 ") == 3 for row in rows)
    assert rows[0][-1] == "；".join(f"列 {issue.column}：{issue.message}" for issue in result.errors[:3])
