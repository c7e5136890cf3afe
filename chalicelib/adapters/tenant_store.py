"""Tenants in DynamoDB, handed out as `Tenant` records. Registration writes the tenant and its login in one
transaction."""
from dataclasses import dataclass, fields

from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import user_store
from chalicelib.adapters.guards import Claim, ClaimLost, claim_item, conditional, failed_conditions
from chalicelib.adapters.models import TenantModel, UserModel
from chalicelib.clock import now_iso


@dataclass(kw_only=True)
class Tenant:
    """A registered company (the attributes of TenantModel; its maps as plain dicts)."""

    tenant_id: str
    company_name: str
    contact_name: str
    contact_phone: str
    license_no: str
    region: dict
    industry: str
    username: str
    status: str
    created_at: str
    updated_at: str
    license_image_key: str | None = None
    reject_reason: str | None = None
    call_notes: str | None = None
    pending_changes: dict | None = None
    change_pending: str | None = None  # kept by save(), for change_index
    reviewed_at: str | None = None
    reviewed_by: str | None = None
    store_names: set[str] | None = None  # 门店 added by hand (adapters/store_names.py)
    fee_plan: str | None = None
    trial_ends: str | None = None
    paid_until: str | None = None
    billing_state: str | None = None


_FIELDS = tuple(field.name for field in fields(Tenant))
CHANGE_PENDING = "yes"


def create_with_user(tenant: Tenant, user: user_store.User, claim: Claim | None = None) -> None:
    """Store both (and the guard `claim`) or nothing; Conflict when the login name is
    already taken, guards.ClaimLost when the claim's condition failed."""
    try:
        with TransactWrite(connection=Connection(region=TenantModel.Meta.region)) as transaction:
            transaction.save(user_store._model(user), condition=UserModel.username.does_not_exist())
            transaction.save(_model(tenant), condition=TenantModel.tenant_id.does_not_exist())
            if claim:
                item, condition = claim_item(claim)
                transaction.save(item, condition=condition)
    except TransactWriteError as error:
        failed = failed_conditions(error)
        if failed[:1] == [True]:
            raise user_store.username_taken() from None
        if any(failed):
            raise ClaimLost() from None
        raise


def get(tenant_id: str) -> Tenant | None:
    try:
        return _record(TenantModel.get(tenant_id, consistent_read=True))
    except DoesNotExist:
        return None


def get_many(tenant_ids) -> list[Tenant]:
    """The tenants that exist among `tenant_ids`, in one batch read."""
    wanted = sorted({tenant_id for tenant_id in tenant_ids if tenant_id})
    return [_record(item) for item in TenantModel.batch_get(wanted)] if wanted else []


def with_license(license_no: str) -> list[Tenant]:
    return [_record(item) for item in TenantModel.license_index.query(license_no)]


def list_tenants(status: str | None) -> list[Tenant]:
    """Every tenant in `status` (or all), newest first."""
    if status:
        return [_record(item) for item in TenantModel.status_index.query(status, scan_index_forward=False)]
    return sorted(map(_record, TenantModel.scan()), key=lambda t: t.created_at, reverse=True)


def list_with_pending_changes() -> list[Tenant]:
    """Tenants whose profile changes await review, newest first (a query of the sparse index)."""
    return [_record(item) for item in TenantModel.change_index.query(CHANGE_PENDING, scan_index_forward=False)]


def count_pending_changes() -> int:
    return TenantModel.change_index.count(CHANGE_PENDING)


def update_as_read(tenant: Tenant, read_at: str, **values) -> bool:
    """Set these attributes (None removes one) and a new `updated_at`, only while the stored tenant's `updated_at`
    is still `read_at`, the one it was read with: of a staff decision and the tenant's own edit or withdrawal made
    from the same reading, one wins. False (tenant re-read) when another such write came between."""
    if "pending_changes" in values:  # the flag rides in the same write, so the index never disagrees with it
        values["change_pending"] = CHANGE_PENDING if values["pending_changes"] else None
    actions = [*_actions(values), TenantModel.updated_at.set(_fresh(read_at))]
    if _update(tenant, actions, TenantModel.updated_at == read_at):
        return True
    _reread(tenant)
    return False


def _fresh(read_at: str) -> str:
    """A new updated_at, to the millisecond: two writes in one second must not look unchanged to each other."""
    now = now_iso("milliseconds")
    return now if now != read_at else now_iso("microseconds")


def set_fields(tenant: Tenant, **values) -> None:
    """Set these attributes (None removes one) of the stored tenant, and of `tenant`."""
    _update(tenant, _actions(values))


def set_status(tenant: Tenant, status: str, **values) -> bool:
    """Move the tenant to `status` (with `values`, None removing one) only while it is still in the status
    `tenant` was read with: of two parallel moves one wins. False (tenant re-read) when it had moved."""
    condition = TenantModel.status == tenant.status
    if _update(tenant, [TenantModel.status.set(status), *_actions(values)], condition):
        return True
    _reread(tenant)
    return False


def clear_pending_changes(tenant_id: str) -> bool:
    """Drop a tenant's pending profile change; False when there was none (already decided or withdrawn)."""
    return conditional(TenantModel(tenant_id).update,
                       actions=[TenantModel.pending_changes.remove(), TenantModel.change_pending.remove(),
                                TenantModel.updated_at.set(now_iso("milliseconds"))],
                       condition=TenantModel.change_pending.exists())


def _actions(values: dict) -> list:
    return [getattr(TenantModel, name).set(value) if value is not None else getattr(TenantModel, name).remove()
            for name, value in values.items()]


def _update(tenant: Tenant, actions: list, condition=None) -> bool:
    """One update; `tenant` takes the stored values it returns. False when `condition` did not hold."""
    item = TenantModel(tenant.tenant_id)
    if not conditional(item.update, actions=actions, condition=condition):
        return False
    _copy(_record(item), tenant)
    return True


def _reread(tenant: Tenant) -> None:
    found = get(tenant.tenant_id)
    if found:
        _copy(found, tenant)


def _copy(source: Tenant, target: Tenant) -> None:
    for name in _FIELDS:
        setattr(target, name, getattr(source, name))


def _plain(value):
    return value.as_dict() if hasattr(value, "as_dict") else value


def _record(item: TenantModel) -> Tenant:
    values = {name: getattr(item, name) for name in _FIELDS}
    values["region"] = _plain(values["region"]) or {}
    values["pending_changes"] = _plain(values["pending_changes"]) or None
    values["store_names"] = set(values["store_names"]) if values["store_names"] else None
    return Tenant(**values)


def _model(tenant: Tenant) -> TenantModel:
    values = {name: getattr(tenant, name) for name in _FIELDS if name != "tenant_id"}
    values["store_names"] = values["store_names"] or None
    return TenantModel(tenant.tenant_id, **values)
