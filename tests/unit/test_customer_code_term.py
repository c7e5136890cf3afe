"""One word for the customer's code everywhere people read it: 客户编码, the import template's header."""
from pathlib import Path

from chalicelib.domain.import_spec import CUSTOMER_COLUMNS, CUSTOMERS, ORDER_COLUMNS, ORDERS
from chalicelib.domain.table_reader import read_table
from tests.unit.import_fixtures import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
TERM, OLD_WORDS = "客户编码", ("客户编号", "客户代码")
SOURCES = [*ROOT.glob("frontend/src/**/*.vue"), *ROOT.glob("frontend/src/**/*.js"), *ROOT.glob("chalicelib/**/*.py")]
ALIASES = ROOT / "chalicelib" / "domain" / "import_spec.py"  # the old words live on only as accepted headers


def test_the_templates_name_the_code_column_客户编码():
    assert {c.header for c in (*CUSTOMER_COLUMNS, *ORDER_COLUMNS) if c.field == "customer_code"} == {TERM}


def test_no_label_message_or_export_header_uses_another_word_for_the_customer_code():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in SOURCES if path != ALIASES
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if any(word in line for word in OLD_WORDS)]
    assert found == []


def test_files_with_the_old_header_客户编号_still_import():
    customers = read_table(csv_bytes([["客户编号", "客户名称"], ["C1", "张三"]]), "客户.csv", CUSTOMERS)
    orders = read_table(csv_bytes([["订单编号", "客户编号", "下单时间", "订单金额"], ["SO1", "C1", "2026-03-01", "5"]]),
                        "订单.csv", ORDERS)
    assert customers.column("customer_code")[0] == orders.column("customer_code")[0] == "C1"
