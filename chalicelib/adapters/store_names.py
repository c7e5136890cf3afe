"""Store names a tenant added by hand (门店 with no customer yet), a string set on the tenant's item.

Adding is one conditional ADD: parallel adds never lose a name and never pass the limit.
"""
from pynamodb.expressions.condition import size

from chalicelib.adapters import tenant_store
from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import TenantModel


def added(tenant_id: str) -> list[str]:
    tenant = tenant_store.get(tenant_id)
    return sorted(tenant.store_names or ()) if tenant else []


def add(tenant_id: str, name: str, limit: int) -> bool:
    """False when the tenant already has `limit` names (a name already there is not added twice)."""
    names = TenantModel.store_names
    room = names.does_not_exist() | (size(names) < limit) | names.contains(name)
    return conditional(TenantModel(tenant_id).update, actions=[names.add({name})],
                       condition=TenantModel.tenant_id.exists() & room)
