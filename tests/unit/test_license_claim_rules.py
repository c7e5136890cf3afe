"""One tenant per licence number, on the in-memory stores: a live holder keeps it; a rejected holder, or one
whose change no longer names it after the grace period, is stale and may be replaced."""
import pytest

from chalicelib.adapters.tenant_store import Tenant
from chalicelib.errors import Conflict
from chalicelib.services import license_claims
from tests.fakes.guards import FakeGuards
from tests.fakes.tenants import FakeTenants

LICENCE = "91440300MA5FDEMQ0X"


def a_tenant(tenant_id: str, status: str = "approved", **values) -> Tenant:
    fields = {"company_name": "测试大药房", "contact_name": "李经理", "contact_phone": "13900000001",
              "license_no": LICENCE, "region": {}, "industry": "医药", "username": f"user-{tenant_id}",
              "status": status, "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00"}
    return Tenant(tenant_id=tenant_id, **{**fields, **values})


@pytest.fixture
def stores():
    locks = FakeGuards()
    return FakeTenants(locks=locks), locks


def claim(stores, tenant_id: str) -> None:
    tenants, locks = stores
    license_claims.claim_for_change(LICENCE, tenant_id, tenants=tenants, locks=locks)


def holder(stores) -> str | None:
    return stores[1].read(f"license#{LICENCE}").owner


def test_a_licence_of_a_live_tenant_is_refused_to_another(stores):
    stores[0].items["t1"] = a_tenant("t1")
    with pytest.raises(Conflict) as taken:
        claim(stores, "t2")
    assert taken.value.code == "LICENSE_REGISTERED"


def test_a_rejected_tenants_licence_may_be_claimed(stores):
    stores[0].items["t1"] = a_tenant("t1", "rejected")
    claim(stores, "t2")
    assert holder(stores) == "t2"


def test_a_licence_named_in_a_change_waiting_for_review_is_held(stores):
    stores[0].items["t1"] = a_tenant("t1", license_no="OTHER", pending_changes={"license_no": LICENCE})
    claim(stores, "t1")
    with pytest.raises(Conflict):
        claim(stores, "t2")


def test_a_fresh_claim_holds_before_the_change_is_saved_and_goes_stale_after_the_grace(stores):
    tenants, locks = stores
    tenants.items["t1"] = a_tenant("t1", license_no="OTHER")
    claim(stores, "t1")  # the change naming it is not saved yet
    with pytest.raises(Conflict):
        claim(stores, "t2")
    locks.items[f"license#{LICENCE}"]["until"] = 0  # the grace is over and t1's change never came
    claim(stores, "t2")
    assert holder(stores) == "t2"


def test_the_holder_may_claim_its_own_licence_again(stores):
    stores[0].items["t1"] = a_tenant("t1")
    claim(stores, "t1")
    claim(stores, "t1")
    assert holder(stores) == "t1"
