"""Bulk API keys on the in-memory stores: at most five active, a revoke frees its place once, and a revoked key or
one of a tenant that is not approved opens nothing."""
import pytest

from chalicelib.adapters.tenant_store import Tenant
from chalicelib.errors import Conflict, NotFound, Unauthorized
from chalicelib.services import api_keys
from tests.fakes.api_keys import FakeApiKeys
from tests.fakes.audit import FakeAudit
from tests.fakes.guards import FakeGuards
from tests.fakes.tenants import FakeTenants


@pytest.fixture
def stores():
    tenant = Tenant(tenant_id="t1", company_name="测试大药房", contact_name="李经理", contact_phone="13900000001",
                    license_no="L1", region={}, industry="医药", username="pharmacy1", status="approved",
                    created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00")
    return {"keys": FakeApiKeys(), "locks": FakeGuards(), "tenants": FakeTenants(tenant), "audit": FakeAudit()}


def create(stores, name="ERP") -> dict:
    return api_keys.create("t1", "pharmacy1", name, keys=stores["keys"], locks=stores["locks"], audit=stores["audit"])


def revoke(stores, key_id: str) -> dict:
    return api_keys.revoke("t1", key_id, "pharmacy1", keys=stores["keys"], locks=stores["locks"], audit=stores["audit"])


def holder(stores, key: str) -> tuple[str, str]:
    return api_keys.holder_of(key, keys=stores["keys"], tenants=stores["tenants"])


def test_a_new_key_opens_the_bulk_api_for_its_tenant_and_notes_its_use(stores):
    created = create(stores, "  收银系统 ")
    assert created["key"].startswith(api_keys.KEY_PREFIX)
    assert holder(stores, created["key"]) == ("t1", "收银系统")
    assert api_keys.list_keys("t1", keys=stores["keys"])["items"][0]["last_used_at"] is not None


def test_a_sixth_active_key_is_refused_until_one_is_revoked(stores):
    made = [create(stores, f"key{n}") for n in range(api_keys.MAX_ACTIVE_KEYS)]
    with pytest.raises(Conflict) as refused:
        create(stores)
    assert refused.value.code == "TOO_MANY_KEYS"
    revoke(stores, made[0]["key_id"])
    revoke(stores, made[0]["key_id"])  # a second revoke frees no second place
    create(stores)
    with pytest.raises(Conflict):
        create(stores)


def test_a_revoked_key_a_wrong_key_and_a_key_of_a_disabled_tenant_are_refused(stores):
    first, second = create(stores), create(stores)
    revoke(stores, first["key_id"])
    for key in (first["key"], "jzyx_not-a-key", "wrong"):
        with pytest.raises(Unauthorized):
            holder(stores, key)
    stores["tenants"].items["t1"].status = "disabled"
    with pytest.raises(Unauthorized):
        holder(stores, second["key"])


def test_an_unknown_key_id_cannot_be_revoked(stores):
    with pytest.raises(NotFound):
        revoke(stores, "nope")


def test_creating_and_revoking_a_key_is_audited_once_each(stores):
    key = create(stores, "收银系统")
    revoke(stores, key["key_id"])
    revoke(stores, key["key_id"])  # again: nothing changes, nothing recorded
    assert [(e["actor"], e["action"], e["detail"]) for e in stores["audit"].entries] == [
        ("pharmacy1", "创建接口密钥", f"收银系统（{key['prefix']}…）"),
        ("pharmacy1", "吊销接口密钥", f"收银系统（{key['prefix']}…）")]
