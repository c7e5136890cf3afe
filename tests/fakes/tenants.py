"""adapters/tenant_store.py in memory: the same functions on Tenant records, the same conditional writes.

create_with_user writes into a FakeUsers (and the claim into a FakeGuards), all or nothing, as the store's
transaction does."""
import copy

from chalicelib.adapters.guards import Claim, ClaimLost
from chalicelib.adapters.tenant_store import CHANGE_PENDING, Tenant
from chalicelib.adapters.user_store import User, username_taken
from chalicelib.clock import now_iso
from tests.fakes.guards import FakeGuards
from tests.fakes.users import FakeUsers


class FakeTenants:
    def __init__(self, *tenants: Tenant, users: FakeUsers | None = None, locks: FakeGuards | None = None):
        self.items = {tenant.tenant_id: copy.deepcopy(tenant) for tenant in tenants}
        self.users = users if users is not None else FakeUsers()
        self.locks = locks if locks is not None else FakeGuards()

    def create_with_user(self, tenant: Tenant, user: User, claim: Claim | None = None) -> None:
        if user.username in self.users.items:
            raise username_taken()
        if tenant.tenant_id in self.items:
            raise ClaimLost()  # the store's transaction fails on the tenant's condition the same way
        if claim and not self.locks.hold(claim, write=False):
            raise ClaimLost()
        self.users.create(user)
        self.items[tenant.tenant_id] = copy.deepcopy(tenant)
        if claim:
            self.locks.hold(claim)

    def get(self, tenant_id: str) -> Tenant | None:
        found = self.items.get(tenant_id)
        return copy.deepcopy(found) if found is not None else None

    def get_many(self, tenant_ids) -> list[Tenant]:
        return [copy.deepcopy(self.items[tid]) for tid in sorted({tid for tid in tenant_ids if tid}) if tid in self.items]

    def with_license(self, license_no: str) -> list[Tenant]:
        return [copy.deepcopy(t) for t in self.items.values() if t.license_no == license_no]

    def list_tenants(self, status: str | None) -> list[Tenant]:
        return self._newest_first(t for t in self.items.values() if not status or t.status == status)

    def list_with_pending_changes(self) -> list[Tenant]:
        return self._newest_first(t for t in self.items.values() if t.change_pending == CHANGE_PENDING)

    def count_pending_changes(self) -> int:
        return len(self.list_with_pending_changes())

    @staticmethod
    def _newest_first(tenants) -> list[Tenant]:
        return [copy.deepcopy(t) for t in sorted(tenants, key=lambda t: t.created_at, reverse=True)]

    def update_as_read(self, tenant: Tenant, read_at: str, **values) -> bool:
        if self.items[tenant.tenant_id].updated_at != read_at:
            self._refill(tenant)
            return False
        if "pending_changes" in values:
            values["change_pending"] = CHANGE_PENDING if values["pending_changes"] else None
        self.set_fields(tenant, **values, updated_at=now_iso("microseconds"))
        return True

    def set_fields(self, tenant: Tenant, **values) -> None:
        stored = self.items[tenant.tenant_id]
        for name, value in values.items():
            setattr(stored, name, value)
        self._refill(tenant)

    def set_status(self, tenant: Tenant, status: str, **values) -> bool:
        if self.items[tenant.tenant_id].status != tenant.status:
            self._refill(tenant)
            return False
        self.set_fields(tenant, status=status, **values)
        return True

    def clear_pending_changes(self, tenant_id: str) -> bool:
        stored = self.items.get(tenant_id)
        if stored is None or stored.change_pending is None:
            return False
        stored.pending_changes, stored.change_pending, stored.updated_at = None, None, now_iso("microseconds")
        return True

    def _refill(self, tenant: Tenant) -> None:
        for name, value in vars(copy.deepcopy(self.items[tenant.tenant_id])).items():
            setattr(tenant, name, value)
