"""What waits for staff, one count per kind, from maintained counters and indexes (no scan of the tenants): for the
运营统计 home, the tenant review page and the daily SMS digest."""
from chalicelib.adapters import counters, plan_store, tenant_store
from chalicelib.domain.plans import status as plan_status
from chalicelib.domain.tenant_status import PENDING
from chalicelib.services.billing import status as billing_status


def waiting_work(with_fees: bool = True) -> dict:
    """Registrations, profile changes and plans to review, and (for those who see fees) tenants behind on fees."""
    waiting = {"registrations": counters.tenants_with_status(PENDING),
               "profile_changes": tenant_store.count_pending_changes(),
               "plans": plan_store.count_with_status(plan_status.PENDING)}
    if with_fees:
        waiting["overdue_fees"] = billing_status.overdue_count()
    return waiting
