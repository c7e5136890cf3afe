"""The customer repository's contract, run against adapters/customers.py on moto and tests/fakes/customers.py:
the items, the table and the code index agree after every write, and after a write that fails halfway."""
import numpy as np
import pytest

from chalicelib.adapters import customer_store
from chalicelib.adapters import customers as repository
from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.domain.customer_columns import LIFETIME, TagLists, blank
from chalicelib.domain.customer_records import RECORD_COLUMNS, records
from chalicelib.domain.rfm_classes import CLASS_LABELS, NOT_ANALYSED
from tests.fakes.customers import FakeCustomers
from tests.integration.helpers import moto_or_fake

T = "t1"
AT = "2026-12-01T08:00:00"


@pytest.fixture(params=["fake", "moto"])
def customers(request):
    return moto_or_fake(request, repository, FakeCustomers)


@pytest.fixture
def fail_next_write(customers, monkeypatch):
    """fail_next_write("items"): DynamoDB gives up after the first item; ("table"): S3 gives up at the commit."""
    def arm(where: str) -> None:
        if isinstance(customers, FakeCustomers):
            customers.fail_next_write()
        elif where == "items":
            original, calls = customer_store.put_many, []

            def flaky(tenant_id, rows, on_written=None, chunk=customer_store.WRITE_CHUNK):
                calls.append(len(rows))
                if len(calls) == 1:
                    original(tenant_id, rows[:1], on_written)
                    raise RuntimeError("ProvisionedThroughputExceededException")
                return original(tenant_id, rows, on_written, chunk)

            monkeypatch.setattr(customer_store, "put_many", flaky)
        else:
            def down(self, *args):
                raise RuntimeError("SlowDown")

            monkeypatch.setattr(CustomerTable, "_commit", down)
    return arm


def customer(code: str, **fields) -> dict:
    return {**repository.BLANK, "customer_code": code, "created_at": AT, "updated_at": AT, "last_import_id": "i1",
            **fields}


def save(customers, created=(), changed=(), tenant_id: str = T) -> None:
    """An import's write: `changed` replace the stored customers of their codes."""
    current = customers.columns(tenant_id, RECORD_COLUMNS)
    before = list(customers.get_many(tenant_id, [c["customer_code"] for c in changed]).values())
    customers.save_profiles(tenant_id, list(created), list(changed), before, current)


def state(customers, tenant_id: str = T) -> tuple:
    """What a reader can see, after checking that the three places agree."""
    items = customers.all_of(tenant_id)
    columns = customers.columns(tenant_id)
    assert records(columns) == list(items.values())  # the table holds what the items hold, in code order
    assert customers.count(tenant_id) == customers.code_count(tenant_id) == len(items)
    assert customers.known(tenant_id, list(items)).all()
    return items, {name: columns[name].tolist() for name in ("store", *LIFETIME)}


def three(customers) -> None:
    save(customers, [customer("C3", name="王五", tags=["会员"]), customer("C1", name="张三", mobile="13800000001"),
                     customer("C2", name="李四", store="南山店", sms_consent=True)])


def test_saved_profiles_read_back_from_items_table_and_index_sorted_by_code(customers):
    three(customers)

    items, _ = state(customers)
    assert list(items) == ["C1", "C2", "C3"]
    assert customers.get(T, "C2") == {**customer("C2", name="李四", store="南山店", sms_consent=True)}
    assert customers.get(T, "C9") is None and set(customers.get_many(T, ["C3", "C9", "C3"])) == {"C3"}
    columns = customers.columns(T, ["name", "tags"])
    assert columns["customer_code"].tolist() == ["C1", "C2", "C3"] and set(columns.keys()) == {
        "customer_code", "name", "tags"}
    assert columns["tags"].lists(3) == [[], [], ["会员"]]
    assert customers.known(T, ["C2", "C7"]).tolist() == [True, False]


def test_another_tenant_sees_none_of_them_and_an_unknown_column_is_refused(customers):
    three(customers)

    assert customers.all_of("t2") == {} and customers.get("t2", "C1") is None
    assert len(customers.columns("t2", ["name"])) == 0 and customers.count("t2") == customers.code_count("t2") == 0
    with pytest.raises(KeyError):
        customers.columns(T, ["points"])


def test_a_second_import_replaces_changed_rows_adds_new_ones_and_keeps_lifetime_figures(customers):
    three(customers)
    figures = {name: blank(name, 3) for name in LIFETIME}
    customers.set_lifetime(T, {**figures, "order_count": np.array([1, 2, 3], dtype=np.int32),
                               "main_store": np.array(["福田店", "福田店", ""])})

    save(customers, [customer("C0", name="新客")], [{**customers.get(T, "C2"), "name": "李四四", "store": ""}])

    items, columns = state(customers)
    assert list(items) == ["C0", "C1", "C2", "C3"] and items["C2"]["name"] == "李四四"
    assert columns["order_count"] == [0, 1, 2, 3]
    assert columns["store"] == ["", "福田店", "福田店", ""]  # no imported store: the store of most orders


def test_editing_one_customer_changes_its_tags_consent_and_time_only(customers):
    three(customers)
    before = customers.get(T, "C2")

    customers.edit_one(T, before, {**before, "tags": ["VIP", "会员"], "sms_consent": False, "name": "不改",
                                   "updated_at": "2026-12-02T08:00:00"})

    items, _ = state(customers)
    assert items["C2"] == {**before, "tags": ["VIP", "会员"], "sms_consent": False, "updated_at": "2026-12-02T08:00:00"}
    assert items["C3"]["tags"] == ["会员"]


def test_setting_tags_writes_the_column_and_stamps_the_changed_rows(customers):
    three(customers)
    current = customers.columns(T, ["tags", "updated_at"])

    customers.set_tags(T, current, np.array([0, 2]), TagLists.of([["新"], [], []]), "2026-12-03T08:00:00")

    items, _ = state(customers)
    assert [(c["tags"], c["updated_at"]) for c in items.values()] == [
        (["新"], "2026-12-03T08:00:00"), ([], AT), ([], "2026-12-03T08:00:00")]


def test_setting_classes_writes_the_column_and_the_items_of_the_moved_rows(customers):
    three(customers)
    current = customers.columns(T, RECORD_COLUMNS)
    classes = np.array([0, 1, CLASS_LABELS.index(NOT_ANALYSED)], dtype=np.int8)

    customers.set_classes(T, current, np.array([0, 1]), classes, [CLASS_LABELS[0], CLASS_LABELS[1]])

    items, _ = state(customers)
    assert [c["rfm_class"] for c in items.values()] == [CLASS_LABELS[0], CLASS_LABELS[1], None]


@pytest.mark.parametrize("where", ["items", "table"])
def test_an_import_failing_halfway_leaves_items_table_and_index_as_they_were(customers, fail_next_write, where):
    three(customers)
    seen = state(customers)
    fail_next_write(where)

    with pytest.raises(RuntimeError):
        save(customers, [customer("C4"), customer("C5")], [{**customers.get(T, "C1"), "name": "改名"}])

    assert state(customers) == seen
    assert customers.known(T, ["C4", "C5"]).tolist() == [False, False]


def test_a_first_import_failing_at_the_table_leaves_the_tenant_empty(customers, fail_next_write):
    fail_next_write("table")

    with pytest.raises(RuntimeError):
        three(customers)

    assert state(customers) == ({}, {name: [] for name in ("store", *LIFETIME)})


@pytest.mark.parametrize("where", ["items", "table"])
def test_tags_failing_halfway_leave_items_and_table_as_they_were(customers, fail_next_write, where):
    three(customers)
    seen = state(customers)
    current = customers.columns(T, ["tags", "updated_at"])
    fail_next_write(where)

    with pytest.raises(RuntimeError):
        customers.set_tags(T, current, np.array([0, 1, 2]), TagLists.of([["新"], ["新"], ["新"]]), "2026-12-03")

    assert state(customers) == seen


def test_an_edit_failing_at_the_table_puts_the_item_back(customers, fail_next_write):
    three(customers)
    seen = state(customers)
    before = customers.get(T, "C1")
    fail_next_write("table")

    with pytest.raises(RuntimeError):
        customers.edit_one(T, before, {**before, "tags": ["VIP"], "updated_at": "2026-12-02T08:00:00"})

    assert state(customers) == seen
