"""The columnar customer table at 1,000,000 customers (in-process moto S3 and DynamoDB).

    .venv/bin/python -m bench.customer_table [--customers 1000000] [--reimport 100000]

Setup (not measured) writes `customers` synthetic customers to the table in one replace. Then:
the customer list (search + class + store filter + sort + one page, as GET /api/customers runs it),
and a re-import of an unchanged file of `reimport` customers (bench/_customers.py: DynamoDB write
requests counted by a botocore hook). `load_table()` is for other measurements of the same table.
"""
import os

os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1",
                   "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"})
os.environ.pop("AWS_ENDPOINT_URL", None)

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from moto import mock_aws  # noqa: E402

TENANT = "bench-table"
STORES = np.array([f"门店{n:02d}" for n in range(30)] + [""])
TAGS = np.array(["会员", "慢病", "高价值", "新客", "沉睡"])
RUNS = 3


def load_table(tenant_id: str = TENANT, customers: int = 1_000_000, seed: int = 2026) -> None:
    """Write `customers` synthetic customers (every column filled, ~1.5 tags each) to the tenant's table."""
    from chalicelib.adapters.customer_table import CustomerTable
    from chalicelib.domain.customer_columns import TagLists

    rng = np.random.default_rng(seed)
    n = np.arange(customers)
    text = lambda values: np.asarray(values, dtype=str)  # noqa: E731
    days = rng.integers(19000, 20400, customers).astype(np.int32)
    tag_count = rng.integers(0, 4, customers)
    rows = np.repeat(n, tag_count).astype(np.int32)
    columns = {
        "customer_code": np.char.add("C", np.char.zfill(n.astype(str), 7)), "name": np.char.add("客户", n.astype(str)),
        "mobile": np.char.add("138", np.char.zfill((n * 7919 % 100_000_000).astype(str), 8)),
        "id_number": text(np.full(customers, "")), "gender": text(np.where(n % 2, "男", "女")),
        "region": text(np.full(customers, "广东省/深圳市")), "imported_store": STORES[rng.integers(0, 31, customers)],
        "main_store": STORES[rng.integers(0, 30, customers)], "last_import_id": text(np.full(customers, "imp-1")),
        "created_at": text(np.full(customers, "2026-01-01T00:00:00Z")),
        "updated_at": text(np.full(customers, "2026-01-01T00:00:00Z")),
        "birthday": rng.integers(-3000, 12000, customers).astype(np.int32), "sms_consent": n % 3 == 0,
        "rfm_class": rng.integers(0, 10, customers).astype(np.int8), "first_order_day": days - 300,
        "last_order_day": days, "order_count": rng.integers(0, 50, customers).astype(np.int32),
        "total_fen": rng.integers(0, 5_000_000, customers).astype(np.int64),
        "tags": TagLists(TAGS, rows, rng.integers(0, len(TAGS), len(rows)).astype(np.int32)),
    }
    CustomerTable(tenant_id).replace(columns)


def _resources() -> None:
    from chalicelib import config
    from chalicelib.adapters.aws import client, reset_clients
    from chalicelib.adapters.models import ALL_MODELS

    reset_clients()
    for model in ALL_MODELS:
        model._connection = None
        model.create_table(wait=False)
    client("s3").create_bucket(Bucket=config.data_bucket())


def _timed(call) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def measure_list(customers: int) -> list[str]:
    from chalicelib.services import customers as customer_list

    with mock_aws():
        _resources()
        started = time.perf_counter()
        load_table(customers=customers)
        lines = [f"customer table: {customers:,} customers written in {time.perf_counter() - started:.1f} s (setup)"]
        cases = {"first page, code order": {},
                 "search '1234' + class + store, sort total_spent desc": dict(
                     q="1234", rfm_class="重要价值客户", store="门店07", sort="total_spent", order="desc"),
                 "store filter, sort last_order_date desc, page 50": dict(store="门店03", sort="last_order_date",
                                                                          order="desc", page=50),
                 "tag 慢病, sort name": dict(tag="慢病", sort="name")}
        for label, filters in cases.items():
            seconds, result = _timed(lambda filters=filters: customer_list.list_customers(TENANT, **filters))
            lines.append(f"  list {label}: {seconds * 1000:6.0f} ms (median of {RUNS}), total {result['total']:,}")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--reimport", type=int, default=100_000)
    arguments = parser.parse_args()
    print("\n".join(measure_list(arguments.customers)), flush=True)
    from bench import _customers

    print("\n".join(_customers.run(arguments.reimport)))
