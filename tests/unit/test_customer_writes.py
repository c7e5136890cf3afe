"""The rules of the customer writers (one customer's edit, tags on many) on the in-memory customer repository."""
import ast
from pathlib import Path

import pytest

from chalicelib.domain.cleaning.people import MAX_TAGS
from chalicelib.domain.customer_edits import CustomerEditRequest
from chalicelib.domain.customer_records import RECORD_COLUMNS
from chalicelib.domain.segments.requests import TagBatchRequest
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services.customer_edit import apply_edit
from chalicelib.services.segments.batch_tags import apply_changes
from tests.fakes.customers import FakeCustomers

T = "t1"
AT = "2020-01-01T00:00:00"  # before any now_iso() of a test run


def customer(code: str, **fields) -> dict:
    return {**FakeCustomers.BLANK, "customer_code": code, "created_at": AT, "updated_at": AT, "last_import_id": "i1",
            **fields}


@pytest.fixture
def customers() -> FakeCustomers:
    """C1 (会员, 南山店), C2 (consenting, 福田店), C3 (no tags, no store)."""
    fake = FakeCustomers()
    fake.save_profiles(T, [customer("C1", tags=["会员"], store="南山店"),
                           customer("C2", sms_consent=True, store="福田店"), customer("C3")], [], [],
                       fake.columns(T, RECORD_COLUMNS))
    fake.writes = 0
    return fake


def table_tags(customers: FakeCustomers) -> list[list[str]]:
    columns = customers.columns(T, ["tags"])
    return columns["tags"].lists(len(columns))


def test_an_edit_of_tags_writes_the_customer_and_its_table_row(customers):
    edited, consent_changed = apply_edit(T, "C3", CustomerEditRequest(tags=["VIP"]), customers=customers)

    assert (edited["tags"], consent_changed) == (["VIP"], False)
    assert customers.get(T, "C3")["tags"] == ["VIP"] and table_tags(customers) == [["会员"], [], ["VIP"]]
    assert customers.get(T, "C3")["updated_at"] > AT


def test_an_edit_switching_consent_off_says_so(customers):
    edited, consent_changed = apply_edit(T, "C2", CustomerEditRequest(sms_consent=False), customers=customers)

    assert consent_changed and edited["sms_consent"] is False
    assert customers.columns(T, ["sms_consent"])["sms_consent"].tolist() == [False, False, False]


def test_an_edit_that_changes_nothing_writes_nothing(customers):
    edited, consent_changed = apply_edit(T, "C1", CustomerEditRequest(tags=["会员"], sms_consent=False),
                                         customers=customers)

    assert (edited, consent_changed, customers.writes) == (customers.get(T, "C1"), False, 0)


def test_an_edit_of_a_customer_deleted_meanwhile_is_not_found(customers):
    with pytest.raises(NotFound):
        apply_edit(T, "C9", CustomerEditRequest(tags=["VIP"]), customers=customers)


def test_a_batch_adds_a_tag_to_the_picked_customers_lacking_it_and_stamps_only_them(customers):
    request = TagBatchRequest(codes=["C1", "C3"], add=["会员"], confirm_count=1)

    assert apply_changes(T, request, None, customers=customers) == 1

    assert table_tags(customers) == [["会员"], [], ["会员"]]
    assert [c["tags"] for c in customers.all_of(T).values()] == [["会员"], [], ["会员"]]
    assert [c["updated_at"] > AT for c in customers.all_of(T).values()] == [False, False, True]


def test_a_batch_whose_count_moved_since_it_was_confirmed_is_refused_and_writes_nothing(customers):
    request = TagBatchRequest(codes=["C1", "C2", "C3"], add=["VIP"], confirm_count=2)

    with pytest.raises(Conflict) as refused:
        apply_changes(T, request, None, customers=customers)

    assert refused.value.code == "COUNT_CHANGED" and customers.writes == 0


def test_a_batch_taking_a_customer_over_the_tag_limit_is_refused(customers):
    full = [f"标签{n}" for n in range(MAX_TAGS)]
    apply_edit(T, "C3", CustomerEditRequest(tags=full), customers=customers)

    with pytest.raises(ValidationFailed) as refused:
        apply_changes(T, TagBatchRequest(codes=["C3"], add=["再来一个"], confirm_count=1), None, customers=customers)

    assert refused.value.code == "TOO_MANY_TAGS" and customers.get(T, "C3")["tags"] == full


def test_a_store_manager_batch_changes_only_the_customers_of_its_store(customers):
    outside = TagBatchRequest(filter={"tag": "会员"}, remove=["会员"], confirm_count=0)  # C1 is of 南山店
    everyone = TagBatchRequest(codes=["C1", "C2", "C3"], add=["店内"], confirm_count=1)

    assert apply_changes(T, outside, None, store="福田店", customers=customers) == 0
    assert apply_changes(T, everyone, None, store="福田店", customers=customers) == 1

    assert table_tags(customers) == [["会员"], ["店内"], []]


PRIVATE = ("customer_store", "customer_table", "customer_codes")  # adapters/customers.py's parts


def test_only_the_customer_repository_imports_its_private_parts():
    root = Path(__file__).resolve().parents[2]
    outside = [root / "app.py", *(path for path in root.glob("chalicelib/**/*.py") if "adapters" not in path.parts)]
    found = [f"{path.relative_to(root)}: {name}" for path in outside for name in _imported(path)
             if name.rsplit(".", 1)[-1] in PRIVATE]
    assert found == []


def _imported(path: Path) -> list[str]:
    """Modules imported, `from package import module` counted as package.module."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.extend([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
    return names
