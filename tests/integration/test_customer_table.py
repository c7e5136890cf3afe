"""The columnar customer table on (moto) S3: round trip, partial column writes, upsert, migration."""
import gzip
import json

import numpy as np
import pytest

from chalicelib import config
from chalicelib.adapters.aws import client
from chalicelib.adapters.customer_table import CustomerTable, TagLists
from chalicelib.adapters.models import CustomerModel
from chalicelib.domain.customer_columns import COLUMNS, MISSING_DAY, day_number
from chalicelib.domain.customer_records import records

TENANT = "t-table"


def customer(code, **fields):
    return {"customer_code": code, "name": "", "mobile": "", "gender": "", "birthday": "", "region": "",
            "id_number": "", "tags": [], "sms_consent": False, "rfm_class": None, "store": "",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "last_import_id": "imp1",
            **fields}


def test_upserted_customers_read_back_sorted_by_code_with_every_column(aws):
    table = CustomerTable(TENANT)
    table.upsert([customer("C2", name="李四", tags=["会员"], birthday="1985-06-01", store="东门店"),
                  customer("C10", sms_consent=True, rfm_class="重要价值客户", tags=["慢病", "会员"])])

    cols = table.read()

    assert cols["customer_code"].tolist() == ["C10", "C2"]
    assert len(cols) == 2 and set(cols.keys()) == set(COLUMNS)
    assert cols["birthday"].tolist() == [MISSING_DAY, day_number("1985-06-01")]
    assert cols["store"].tolist() == ["", "东门店"]
    assert cols["rfm_class"].dtype == np.int8 and cols["rfm_class"].tolist() == [0, 9]
    assert cols["tags"].lists(2) == [["慢病", "会员"], ["会员"]]
    assert records(cols) == [customer("C10", sms_consent=True, rfm_class="重要价值客户", tags=["慢病", "会员"]),
                             customer("C2", name="李四", tags=["会员"], birthday="1985-06-01", store="东门店")]


def test_a_read_loads_only_the_columns_asked_for_plus_the_code(aws):
    table = CustomerTable(TENANT)
    table.upsert([customer("C1", name="张三")])

    cols = table.read(["name"])

    assert set(cols.keys()) == {"customer_code", "name"}


def test_an_upsert_replaces_rows_of_known_codes_and_keeps_their_lifetime_figures(aws):
    table = CustomerTable(TENANT)
    table.upsert([customer("A", tags=["x"]), customer("C", tags=["y"])])
    table.write_columns({"order_count": np.array([3, 5], dtype=np.int32), "main_store": np.array(["南店", "北店"])})

    table.upsert([customer("B", tags=["z"]), customer("C", name="改名")])

    cols = table.read()
    assert cols["customer_code"].tolist() == ["A", "B", "C"]
    assert cols["name"].tolist() == ["", "", "改名"]
    assert cols["order_count"].tolist() == [3, 0, 5]
    assert cols["store"].tolist() == ["南店", "", "北店"]
    assert cols["tags"].lists(3) == [["x"], ["z"], []]


def test_written_columns_replace_only_those_columns_and_derive_the_store_in_force(aws):
    table = CustomerTable(TENANT)
    table.upsert([customer("A", store="总店"), customer("B")])

    table.write_columns({"main_store": np.array(["西店", "西店"]), "tags": TagLists.of([[], ["新"]])})

    cols = table.read(["store", "tags", "name"])
    assert cols["store"].tolist() == ["总店", "西店"]
    assert cols["tags"].lists(2) == [[], ["新"]]
    with pytest.raises(ValueError):
        table.write_columns({"order_count": np.zeros(3, dtype=np.int32)})


def test_replaced_column_objects_are_deleted_one_commit_later(aws):
    table = CustomerTable(TENANT)
    table.upsert([customer("A")])
    for count in range(3):
        table.write_columns({"order_count": np.array([count], dtype=np.int32)})

    keys = [o["Key"] for o in client("s3").list_objects_v2(Bucket=config.data_bucket())["Contents"]]

    versions = sorted(key.rsplit("/", 1)[1].split("-")[1] for key in keys if "/order_count-" in key)
    assert versions == ["3", "4"]


def test_a_tenant_without_customers_reads_as_an_empty_table(aws):
    cols = CustomerTable(TENANT).read(["rfm_class", "tags"])

    assert len(cols) == 0 and cols["tags"].lists(0) == []


def test_a_tenant_from_before_the_table_is_migrated_from_its_snapshot_on_first_read(aws):
    old = [customer("B", name="乙", tags=["会员"]), customer("A", name="甲", sms_consent=True)]
    key = f"customers/{TENANT}/snapshot.json.gz"
    client("s3").put_object(Bucket=config.data_bucket(), Key=key, Body=gzip.compress(json.dumps(old).encode()))

    cols = CustomerTable(TENANT).read()

    assert records(cols) == sorted(old, key=lambda c: c["customer_code"])
    assert "Contents" not in client("s3").list_objects_v2(Bucket=config.data_bucket(), Prefix=key)


def test_a_tenant_with_only_dynamodb_items_is_migrated_from_them(aws):
    CustomerModel(TENANT, "C1", name="丙", created_at="2026-01-01T00:00:00Z", updated_at="2026-01-01T00:00:00Z",
                  last_import_id="imp1").save()

    cols = CustomerTable(TENANT).read(["name"])

    assert cols["name"].tolist() == ["丙"]



def test_a_first_import_given_the_empty_table_it_read_migrates_nothing_from_dynamodb(aws):
    # The import writes its customers to DynamoDB first, then the table: read again, the table would take
    # them for a tenant from before it and query every item back (minutes for 100,000 customers).
    table = CustomerTable(TENANT)
    empty = table.read()
    CustomerModel(TENANT, "A", name="甲", created_at="2026-01-01T00:00:00Z", updated_at="2026-01-01T00:00:00Z").save()
    CustomerModel(TENANT, "Z", name="written by the same import", created_at="2026-01-01T00:00:00Z",
                  updated_at="2026-01-01T00:00:00Z").save()

    table.upsert([customer("A", name="甲")], current=empty)

    assert table.read(["name"])["customer_code"].tolist() == ["A"]
