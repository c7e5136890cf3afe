"""One tenant per licence number, under parallel requests: a guard item per licence names the tenant holding it.

A query of the licence index cannot stop two requests that both find nothing; a conditional write of the
guard can. A holder that no longer uses the licence (rejected, changed it, its change was refused) is
stale, and a claim may replace it — with a condition naming that holder, so only one claim wins.
"""
import time

from chalicelib.adapters import guards, tenant_store
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.domain.tenant_status import REJECTED
from chalicelib.errors import Conflict

# A profile change's claim is live for this long before the tenant's pending change (saved right after
# the claim) shows the licence.
CLAIM_GRACE_SECONDS = 60


def claim_for_change(license_no: str, tenant_id: str, *, tenants=tenant_store, locks=guards) -> None:
    """Claim `license_no` for a profile change of `tenant_id`; Conflict when another tenant holds it."""
    stale = stale_holder(license_no, tenant_id, tenants=tenants, locks=locks)
    if not locks.claim(_guard_id(license_no), tenant_id, int(time.time()) + CLAIM_GRACE_SECONDS, stale):
        raise taken()


def claim_with_new_tenant(license_no: str, tenant_id: str, stale: str | None) -> guards.Claim:
    """The claim a registration writes in its transaction, so a holder always exists."""
    return guards.Claim(_guard_id(license_no), tenant_id, 0, stale)


def stale_holder(license_no: str, claimant: str, *, tenants=tenant_store, locks=guards) -> str | None:
    """The holder a claim may replace (None: free or already the claimant's); Conflict when a live tenant holds it."""
    for other in tenants.with_license(license_no):  # also tenants registered before there were guards
        if other.tenant_id != claimant and _uses(tenants.get(other.tenant_id), license_no):
            raise taken()
    guard = locks.read(_guard_id(license_no))
    if guard is None or guard.owner == claimant:
        return None
    if (guard.until or 0) > time.time() or _uses(tenants.get(guard.owner) if guard.owner else None, license_no):
        raise taken()
    return guard.owner


def taken() -> Conflict:
    return Conflict("该统一社会信用代码已注册过企业账号；如需找回账号，请联系平台客服",
                    [{"field": "license_no", "message": "该统一社会信用代码已注册"}], code="LICENSE_REGISTERED")


def _guard_id(license_no: str) -> str:
    return f"license#{license_no}"


def _uses(tenant: Tenant | None, license_no: str) -> bool:
    """The index read is only eventually consistent: judge each holder from a consistent read."""
    if tenant is None or tenant.status == REJECTED:
        return False
    return license_no in (tenant.license_no, (tenant.pending_changes or {}).get("license_no"))
