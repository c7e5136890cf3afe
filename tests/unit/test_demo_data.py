"""The local stack's demo files must import cleanly, or the demo pharmacy starts empty."""
from chalicelib.domain.table_reader import read_table
from chalicelib.domain.validation import validate
from local.demo.files import STORES, demo_files


def test_the_demo_customer_and_order_files_validate_without_a_single_error():
    files = demo_files(customers=120)

    customers = validate(read_table(files["customers"], "demo-customers.csv", "customers"))
    orders = validate(read_table(files["orders"], "demo-orders.csv", "orders"))

    assert customers.ok and len(customers.frame) == 120
    assert orders.ok and not orders.skipped and len(orders.frame) > 120
    assert set(orders.frame["customer_code"]) <= set(customers.frame["customer_code"])
    assert set(orders.frame["store"]) == set(STORES)  # the demo shows stores, per-store classes and 店长 accounts
