"""Plan usage: one item per plan, tenant, kind and day, written together with the plan's counter."""
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.guards import failed_conditions
from chalicelib.adapters.models import PlanModel, PlanUsageModel

# A download or a campaign is a use of the plan; a view is not.
COUNTERS = {"view": ("views",), "download": ("downloads", "uses"), "campaign": ("uses",)}


def record(plan_id: str, tenant_id: str, kind: str, day: str, at: str) -> bool:
    """Count the use once per tenant, kind and day: True when it was new. Both writes happen or neither."""
    usage = PlanUsageModel(plan_id, f"{day}#{tenant_id}#{kind}", tenant_id=tenant_id, kind=kind, day=day, at=at)
    counters = [getattr(PlanModel, name).add(1) for name in COUNTERS[kind]]
    try:
        with TransactWrite(connection=Connection(region=PlanModel.Meta.region)) as transaction:
            transaction.save(usage, condition=PlanUsageModel.usage_key.does_not_exist())
            transaction.update(PlanModel(plan_id), actions=counters, condition=PlanModel.plan_id.exists())
    except TransactWriteError as error:
        if any(failed_conditions(error)):
            return False
        raise
    return True


def of_plan(plan_id: str, limit: int = 500) -> list[dict]:
    """Newest first."""
    return [{"tenant_id": u.tenant_id, "kind": u.kind, "day": u.day, "at": u.at}
            for u in PlanUsageModel.query(plan_id, scan_index_forward=False, limit=limit)]
