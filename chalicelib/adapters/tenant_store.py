"""Tenants in DynamoDB. Registration writes the tenant and its login in one transaction."""
from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import ClaimLost
from chalicelib.adapters.models import GuardModel, TenantModel, UserModel
from chalicelib.clock import now_iso
from chalicelib.errors import Conflict


def create_with_user(tenant: TenantModel, user: UserModel, claim: tuple[GuardModel, object] | None = None) -> None:
    """Store both (and the claim: a guard item and its condition) or nothing; Conflict when the login name is
    already taken, guards.ClaimLost when the claim's condition failed."""
    try:
        with TransactWrite(connection=Connection(region=TenantModel.Meta.region)) as transaction:
            transaction.save(user, condition=UserModel.username.does_not_exist())
            transaction.save(tenant, condition=TenantModel.tenant_id.does_not_exist())
            if claim:
                transaction.save(claim[0], condition=claim[1])
    except TransactWriteError as error:
        failed = [bool(r and r.code == "ConditionalCheckFailed") for r in (error.cancellation_reasons or [])]
        if failed[:1] == [True]:
            raise Conflict("该登录名已被使用，请换一个登录名", [{"field": "username", "message": "该登录名已被使用"}],
                           code="USERNAME_TAKEN") from None
        if any(failed):
            raise ClaimLost() from None
        raise


def get(tenant_id: str) -> TenantModel | None:
    try:
        return TenantModel.get(tenant_id, consistent_read=True)
    except DoesNotExist:
        return None


def get_many(tenant_ids) -> list[TenantModel]:
    """The tenants that exist among `tenant_ids`, in one batch read."""
    wanted = sorted({tenant_id for tenant_id in tenant_ids if tenant_id})
    return list(TenantModel.batch_get(wanted)) if wanted else []


def with_license(license_no: str) -> list[TenantModel]:
    return list(TenantModel.license_index.query(license_no))


def list_tenants(status: str | None) -> list[TenantModel]:
    """Every tenant in `status` (or all), newest first."""
    if status:
        return list(TenantModel.status_index.query(status, scan_index_forward=False))
    return sorted(TenantModel.scan(), key=lambda t: t.created_at, reverse=True)


CHANGE_PENDING = "yes"


def list_with_pending_changes() -> list[TenantModel]:
    """Tenants whose profile changes await review, newest first (a query of the sparse index)."""
    return list(TenantModel.change_index.query(CHANGE_PENDING, scan_index_forward=False))


def count_pending_changes() -> int:
    return TenantModel.change_index.count(CHANGE_PENDING)


def save(tenant: TenantModel) -> None:
    # The flag rides in the same put as pending_changes, so the index can never disagree with it.
    tenant.change_pending = CHANGE_PENDING if _has_changes(tenant.pending_changes) else None
    tenant.save()


def clear_pending_changes(tenant_id: str) -> bool:
    """Drop a tenant's pending profile change; False when there was none (already decided or withdrawn)."""
    try:
        TenantModel(tenant_id).update(
            actions=[TenantModel.pending_changes.remove(), TenantModel.change_pending.remove(),
                     TenantModel.updated_at.set(now_iso())],
            condition=TenantModel.change_pending.exists())
    except UpdateError:
        return False
    return True


def _has_changes(pending) -> bool:
    if pending is None:
        return False
    return bool(pending.as_dict() if hasattr(pending, "as_dict") else pending)
