"""The order store on (moto) S3: batches by China-time month, exact dedupe, rollback, parked orders."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from chalicelib import config
from chalicelib.adapters import bucket_io, object_cache
from chalicelib.adapters.aws import client
from chalicelib.adapters.order_store import CustomerCodeIndex, OrderStore

CHINA = timezone(timedelta(hours=8))


def at(text: str) -> int:
    """Epoch seconds of a China-time wall clock 'YYYY-MM-DD HH:MM'."""
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=CHINA).timestamp())


def orders(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_id", "customer_code", "ordered_at", "amount_fen"])
    return frame.astype({"ordered_at": "int64", "amount_fen": "int64"})


MARCH_END = at("2026-03-31 23:30")  # 15:30 UTC on 31 March: still March in China
APRIL_START = at("2026-04-01 00:30")  # 16:30 UTC on 31 March: already April in China
FIRST = orders([("SO-1", "C1", MARCH_END, 12850), ("SO-2", "C2", APRIL_START, 990),
                ("SO-3", "C1", at("2026-02-10 09:00"), -500)])


def keys_under(prefix: str) -> list[str]:
    listing = client("s3").list_objects_v2(Bucket=config.data_bucket(), Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_orders_are_split_by_china_time_month_and_read_back(aws):
    store = OrderStore("tenantA")
    entry = store.write_batch("b1", FIRST)
    assert entry["count"] == 3 and entry["months"] == ["2026-02", "2026-03", "2026-04"]
    assert any(key.startswith("orders/tenantA/2026-03/b1-") for key in entry["objects"]) and store.batches() == [entry]
    read = store.read_orders().sort_values("ordered_at").reset_index(drop=True)
    assert read["customer_code"].dtype == "category"
    assert read.astype({"customer_code": str}).values.tolist() == FIRST.iloc[[2, 0, 1], 1:].values.tolist()


def test_a_range_read_returns_only_orders_inside_it(aws):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    march = store.read_orders(at("2026-03-01 00:00"), at("2026-03-31 23:59") + 59)
    assert march["ordered_at"].tolist() == [MARCH_END]
    assert list(march["customer_code"].cat.categories) == ["C1"]
    assert store.read_orders(start=APRIL_START)["amount_fen"].tolist() == [990]
    assert store.read_orders(end=MARCH_END - 1)["amount_fen"].tolist() == [-500]


def test_dedupe_is_exact_across_batches(aws):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    store.write_batch("b2", orders([("SO-9", "C3", MARCH_END, 100)]))
    found = store.existing(pd.Series(["SO-2", "SO-4", "SO-9", "so-1", "SO-1 ", "SO-1"]))
    assert found.tolist() == [True, False, True, False, False, True]


def test_dedupe_confirms_the_id_string_when_keys_collide(aws, monkeypatch):
    # Given every ID hashing to one key, only the string comparison can tell them apart
    from chalicelib.adapters import order_store
    monkeypatch.setattr(order_store, "order_keys", lambda ids: np.full(len(ids), 7, dtype=np.uint64))
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    assert store.existing(pd.Series(["SO-3", "SO-5", "SO-1"])).tolist() == [True, False, True]


def test_writing_the_same_batch_again_replaces_it(aws):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    store.write_batch("b1", FIRST.iloc[:1])
    assert [entry["count"] for entry in store.batches()] == [1]
    assert len(store.read_orders()) == 1
    assert keys_under("orders/tenantA/2026-04/") == []  # the replaced month object is gone
    assert store.existing(pd.Series(["SO-1", "SO-2"])).tolist() == [True, False]


def test_rollback_removes_the_batch_from_reads_and_dedupe(aws):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    store.write_batch("b2", orders([("SO-9", "C3", MARCH_END, 100)]), unknown_codes=["C3"])
    assert store.remove_batch("b2") == 1
    assert store.remove_batch("b2") == 0 and store.remove_batch("never") == 0
    assert [entry["batch_id"] for entry in store.batches()] == ["b1"]
    assert store.existing(pd.Series(["SO-9", "SO-1"])).tolist() == [False, True]
    assert sorted(store.read_orders()["customer_code"].astype(str)) == ["C1", "C1", "C2"]
    assert store.parked() == {}
    assert not [key for key in keys_under("orders/tenantA/") if "b2" in key]


@pytest.fixture
def manifest_writes(monkeypatch):
    """Call with n: the next n manifest writes succeed, later ones raise as if the Lambda died there."""
    real_put = bucket_io.BucketIO.put

    def fail_after(allowed: int):
        def put(self, key, body):
            nonlocal allowed
            if key.endswith("manifest.json"):
                if not allowed:
                    raise ConnectionError("lost the network")
                allowed -= 1
            real_put(self, key, body)

        monkeypatch.setattr(bucket_io.BucketIO, "put", put)

    return fail_after


def test_a_crash_before_the_manifest_write_leaves_nothing_visible(aws, manifest_writes, monkeypatch):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    manifest_writes(0)
    with pytest.raises(ConnectionError):
        store.write_batch("b2", orders([("SO-9", "C9", MARCH_END, 100)]), unknown_codes=["C9"])
    monkeypatch.undo()
    assert [entry["batch_id"] for entry in store.batches()] == ["b1"]
    assert len(store.read_orders()) == 3 and "C9" not in store.read_orders()["customer_code"].cat.categories
    assert not store.existing(pd.Series(["SO-9"])).any() and store.parked() == {}


def test_a_crash_while_rewriting_a_batch_never_shows_a_mix_of_old_and_new(aws, manifest_writes, monkeypatch):
    # Given b1 committed, when its rewrite dies after hiding the old version but before the commit
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    manifest_writes(1)
    with pytest.raises(ConnectionError):
        store.write_batch("b1", FIRST.iloc[:1])
    monkeypatch.undo()
    # Then the batch is absent rather than half replaced, and the retry brings it back
    assert store.batches() == [] and store.read_orders().empty
    store.write_batch("b1", FIRST.iloc[:1])
    assert len(store.read_orders()) == 1


def test_parked_orders_are_counted_and_attached_once(aws):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST, unknown_codes=["C1", "C7"])
    store.write_batch("b2", orders([("SO-9", "C1", MARCH_END, 1), ("SO-8", "C2", MARCH_END, 1)]),
                      unknown_codes=pd.Series(["C1", "C2"]))
    assert store.parked() == {"C1": 3, "C2": 1}
    assert store.attach(["C1", "C5"]) == 3
    assert store.parked() == {"C2": 1}
    assert store.attach(["C1"]) == 0 and store.attach([]) == 0


def test_tenants_see_nothing_of_each_other(aws):
    OrderStore("tenantA").write_batch("b1", FIRST, unknown_codes=["C2"])
    CustomerCodeIndex("tenantA").add(["C1"])
    other = OrderStore("tenantB")
    assert other.batches() == [] and other.read_orders().empty and other.parked() == {}
    assert not other.existing(pd.Series(["SO-1"])).any() and other.remove_batch("b1") == 0
    assert CustomerCodeIndex("tenantB").load().size == 0
    assert len(OrderStore("tenantA").read_orders()) == 3


@pytest.mark.parametrize("tenant_id", ["../tenantA", "a/b", "", "..", "a.b"])
def test_a_tenant_id_that_is_not_a_plain_id_is_refused(tenant_id):
    with pytest.raises(ValueError):
        OrderStore(tenant_id)
    with pytest.raises(ValueError):
        CustomerCodeIndex(tenant_id)


def test_non_ascii_codes_and_ids_round_trip(aws):
    store = OrderStore("tenantA")
    rows = orders([("订单-1", "会员张三", MARCH_END, 100), ("SO-2", "C1", MARCH_END, 200),
                   ("订单-2", "ÄÖ-9", MARCH_END, 5)])
    store.write_batch("b1", rows, unknown_codes=["会员张三"])
    assert sorted(store.read_orders()["customer_code"].astype(str)) == ["C1", "ÄÖ-9", "会员张三"]
    assert store.existing(pd.Series(["订单-1", "订单-3", "SO-2"])).tolist() == [True, False, True]
    assert store.parked() == {"会员张三": 1} and store.attach(["会员张三"]) == 1


def test_an_empty_batch_is_committed_with_no_orders(aws):
    store = OrderStore("tenantA")
    entry = store.write_batch("empty", orders([]))
    assert entry["count"] == 0 and entry["months"] == [] and store.batches() == [entry]
    frame = store.read_orders()
    assert frame.empty and list(frame.columns) == ["customer_code", "ordered_at", "amount_fen"]
    assert not store.existing(pd.Series(["SO-1"])).any()
    assert store.remove_batch("empty") == 0 and store.batches() == []


def test_the_customer_code_index_keeps_a_sorted_union(aws):
    index = CustomerCodeIndex("tenantA")
    assert index.load().size == 0 and index.contains(["C1"]).tolist() == [False]
    index.add(["C2", "会员", "C1"])
    index.add(pd.Series(["C1", "C10-long-code"]))
    assert index.load().tolist() == ["C1", "C10-long-code", "C2", "会员"]
    assert index.contains(["C10-long-code", "C10", "会员", "C10-long-code-x", ""]).tolist() == [
        True, False, True, False, False]
    assert keys_under("customers/tenantA/") == ["customers/tenantA/codes.npz"]


def test_a_cold_read_fetches_months_and_dictionary_in_one_round_and_a_warm_one_only_manifest_and_dictionary(
        aws, monkeypatch):
    store = OrderStore("tenantA")
    store.write_batch("b1", FIRST)
    object_cache.clear()  # as a process that has not read these orders yet
    rounds, asked, real_many, real_get = [], [], bucket_io.BucketIO.get_many, bucket_io.BucketIO.get
    monkeypatch.setattr(bucket_io.BucketIO, "get_many", lambda self, keys: rounds.append(keys) or real_many(self, keys))

    cold = store.read_orders()
    monkeypatch.setattr(bucket_io.BucketIO, "get", lambda self, key: asked.append(key) or real_get(self, key))
    warm = store.read_orders()

    assert len(rounds) == 1 and rounds[0][-1] == "orders/tenantA/customer_codes.npz" and len(rounds[0]) == 4
    assert asked == ["orders/tenantA/manifest.json", "orders/tenantA/customer_codes.npz"]
    assert warm.astype({"customer_code": str}).equals(cold.astype({"customer_code": str}))
