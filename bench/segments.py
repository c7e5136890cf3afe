"""Segments at scale: a 5-condition count over 1,000,000 customers against DuckDB, and a 100,000-customer call list.

    .venv/bin/python -m bench.segments            # 1,000,000 customers
    .venv/bin/python -m bench.segments --quick    # 100,000, to try it

Setup (not measured): in moto (mock_aws), the resources of infra/resources.json; one tenant's customer
table (CustomerTable.replace) of generated customers: 10 stores, 0-3 of 20 tags each, birthdays, classes,
lifetime figures; the same columns as a Parquet file on local disk (tags as a list column), written by DuckDB.

Measured:
(a) ours: services.segments.count — read the manifest and the 6 columns the rules need from (moto) S3,
    evaluate, count — the server time of POST /api/segments/count; median of 5;
(b) DuckDB: connect, one SQL COUNT(*) with the same 5 conditions over the Parquet file; median of 5;
(c) the call list of one store's customers (about 1/10): services.segments.call_list.export_rules —
    select, build the rows, write the xlsx, put it to S3, presign.
The two counts must agree, or the run fails.
"""
from bench._orders_store import _in_child  # noqa: I001  (first: sets fake AWS credentials)

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from moto import mock_aws  # noqa: E402

from bench._rfm_steps import create_resources  # noqa: E402
from chalicelib.domain.customer_columns import MISSING_DAY, TagLists, day_number  # noqa: E402
from chalicelib.domain.rfm_classes import CLASS_LABELS  # noqa: E402

TENANT = "bench-segments"
STORES = [f"门店{n:02d}" for n in range(1, 11)]
TAGS = ["会员", "慢病", "孕妇", "老人", "儿童", "高血压", "糖尿病", "积分", "团购", "新店"] + [f"标签{n}" for n in range(10)]
RULES = {"all": [
    {"field": "rfm_class", "op": "in", "value": ["重要价值客户", "重要保持客户", "一般价值客户"]},
    {"field": "total_spent", "op": "gte", "value": 500},
    {"field": "tags", "op": "contains_any", "value": ["会员", "慢病"]},
    {"field": "birthday_month", "op": "in", "value": [6, 7, 8]},
    {"field": "has_mobile", "op": "is_true"},
]}
DUCKDB_SQL = """SELECT count(*) FROM read_parquet('{path}')
WHERE rfm_class IN (0, 2, 4) AND total_fen >= 50000 AND list_has_any(tags, ['会员', '慢病'])
  AND birthday IS NOT NULL AND month(birthday) IN (6, 7, 8) AND mobile <> ''"""
TARGET_COUNT_SECONDS, TARGET_VS_DUCKDB, TARGET_EXPORT_SECONDS = 1.0, 2.0, 20.0


def generate(rows: int, seed: int = 11) -> dict:
    """Every column of the customer table, rows sorted by customer_code."""
    rng = np.random.default_rng(seed)
    numbers = np.arange(rows).astype(str)
    codes = np.strings.add("C", np.strings.zfill(numbers, 8))
    mobiles = np.where(rng.random(rows) < 0.1, "", np.strings.add("138", np.strings.zfill(numbers, 8)))
    birthdays = rng.integers(day_number("1950-01-01"), day_number("2005-12-31"), rows).astype(np.int32)
    birthdays[rng.random(rows) < 0.1] = MISSING_DAY
    first = rng.integers(day_number("2023-01-01"), day_number("2026-03-31"), rows).astype(np.int32)
    count = rng.integers(0, 30, rows).astype(np.int32)
    stores = np.asarray(STORES)[rng.integers(0, len(STORES), rows)]
    blank = np.full(rows, "")
    return {"customer_code": codes, "name": np.strings.add("客户", numbers), "mobile": mobiles, "id_number": blank,
            "gender": np.asarray(["男", "女", ""])[rng.integers(0, 3, rows)],
            "region": np.asarray(["广东省/深圳市", "广东省/广州市", "北京市", ""])[rng.integers(0, 4, rows)],
            "store": stores, "imported_store": blank, "main_store": stores, "last_import_id": blank,
            "created_at": np.full(rows, "2026-01-01T00:00:00+00:00"), "updated_at": np.full(rows, "2026-01-01T00:00:00+00:00"),
            "birthday": birthdays, "sms_consent": rng.random(rows) < 0.7,
            "rfm_class": rng.integers(0, len(CLASS_LABELS), rows).astype(np.int8),
            "first_order_day": np.where(count > 0, first, MISSING_DAY).astype(np.int32),
            "last_order_day": np.where(count > 0, first + rng.integers(0, 60, rows), MISSING_DAY).astype(np.int32),
            "order_count": count, "total_fen": (count * rng.integers(1_000, 20_000, rows)).astype(np.int64),
            "tags": _tags(rng, rows)}


def _tags(rng, rows: int) -> TagLists:
    per_row = rng.integers(0, 4, rows)
    row = np.repeat(np.arange(rows, dtype=np.int32), per_row)
    tag = rng.integers(0, len(TAGS), len(row)).astype(np.int32)
    unique = np.unique(row.astype(np.int64) * len(TAGS) + tag)  # a tag once per customer
    return TagLists(np.asarray(sorted(TAGS)), (unique // len(TAGS)).astype(np.int32),
                    (unique % len(TAGS)).astype(np.int32))


def write_parquet(columns: dict, path: str) -> None:
    import duckdb
    import pandas as pd

    # duckdb reads `frame` and `pairs` by name from the SQL below
    frame = pd.DataFrame({"row": np.arange(len(columns["customer_code"])), "rfm_class": columns["rfm_class"],  # noqa: F841
                          "total_fen": columns["total_fen"], "mobile": columns["mobile"],
                          "birthday": pd.to_datetime(np.where(columns["birthday"] == MISSING_DAY, np.nan,
                                                              columns["birthday"]), unit="D")})
    tags = columns["tags"]
    pairs = pd.DataFrame({"row": tags.row, "name": tags.names[tags.tag]})  # noqa: F841
    connection = duckdb.connect()
    connection.execute(f"""COPY (SELECT f.*, coalesce(t.tags, []) AS tags FROM frame f LEFT JOIN
        (SELECT row, list(name) AS tags FROM pairs GROUP BY row) t USING (row) ORDER BY row)
        TO '{path}' (FORMAT PARQUET)""")
    return {}


def duckdb_count(path: str) -> dict:
    import duckdb

    started = time.perf_counter()
    connection = duckdb.connect()
    found = connection.execute(DUCKDB_SQL.format(path=path)).fetchone()[0]
    return {"seconds": time.perf_counter() - started, "count": int(found)}


def ours_count() -> tuple[float, int]:
    from chalicelib.services import segments

    started = time.perf_counter()
    found = segments.count(TENANT, RULES)["count"]
    return time.perf_counter() - started, found


def ours_export(store: str) -> tuple[float, int]:
    from chalicelib.services.segments import call_list

    started = time.perf_counter()
    answer = call_list.export_rules(TENANT, "bench", {"all": [{"field": "store", "op": "eq", "value": store}]})
    return time.perf_counter() - started, answer["count"]


def run(rows: int) -> tuple[list[str], bool]:
    from chalicelib.adapters.customer_table import CustomerTable

    with mock_aws(), tempfile.TemporaryDirectory() as folder:
        create_resources()
        columns = generate(rows)
        CustomerTable(TENANT).replace(columns)
        parquet = os.path.join(folder, "customers.parquet")
        _in_child(write_parquet, columns, parquet)  # DuckDB's threads stay out of the parent
        del columns
        ours_count()  # warm the S3 client, as a warm Lambda has it
        ours = [ours_count() for _ in range(5)]
        theirs = [(run["seconds"], run["count"]) for run in (_in_child(duckdb_count, parquet) for _ in range(5))]
        export_seconds, exported = ours_export(STORES[0])
    ours_time, theirs_time = (statistics.median(t for t, _ in runs) for runs in (ours, theirs))
    counts = {found for _, found in ours} | {found for _, found in theirs}
    ok = (len(counts) == 1 and ours_time < TARGET_COUNT_SECONDS and ours_time <= TARGET_VS_DUCKDB * theirs_time
          and export_seconds < TARGET_EXPORT_SECONDS)
    return [f"customers: {rows:,}; 5-condition count: {counts}",
            f"ours (read 6 columns from S3 + evaluate): {ours_time:.3f} s (target < {TARGET_COUNT_SECONDS} s)",
            f"DuckDB (Parquet on local disk): {theirs_time:.3f} s -> ours/DuckDB {ours_time / theirs_time:.2f} "
            f"(target <= {TARGET_VS_DUCKDB})",
            f"call list of {exported:,} customers: {export_seconds:.2f} s (target < {TARGET_EXPORT_SECONDS} s)",
            "OK" if ok else "TARGET MISSED"], ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    arguments = parser.parse_args()
    lines, ok = run(100_000 if arguments.quick else 1_000_000)
    print("\n".join(lines))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
