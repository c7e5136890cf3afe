"""Plans in DynamoDB, as dicts. Status changes are conditional on the status they start from."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.guards import conditional
from chalicelib.adapters.models import PlanModel
from chalicelib.domain.plans.status import STATUSES

_COUNTERS = ("views", "downloads", "uses")


def create(plan: dict) -> None:
    PlanModel(**plan).save(condition=PlanModel.plan_id.does_not_exist())


def create_missing(plan: dict) -> bool:
    """Store the plan unless one with its id exists (seeding runs on every start): True when stored."""
    return conditional(PlanModel(**plan).save, condition=PlanModel.plan_id.does_not_exist())


def get(plan_id: str) -> dict | None:
    try:
        return _as_dict(PlanModel.get(plan_id, consistent_read=True))
    except DoesNotExist:
        return None


def with_status(status: str) -> list[dict]:
    """Oldest first."""
    return [_as_dict(p) for p in PlanModel.status_index.query(status)]


def count_with_status(status: str) -> int:
    return PlanModel.status_index.count(status)


def every_plan() -> list[dict]:
    return [plan for status in STATUSES for plan in with_status(status)]


def by_author(tenant_id: str) -> list[dict]:
    """A tenant's own submissions, oldest first."""
    return [_as_dict(p) for p in PlanModel.author_index.query(tenant_id)]


def update(plan_id: str, changes: dict, from_statuses: tuple[str, ...]) -> dict | None:
    """Apply `changes` if the plan exists in one of `from_statuses`: the plan as stored after, else None."""
    plan = PlanModel(plan_id)
    actions = [getattr(PlanModel, name).set(value) if value is not None else getattr(PlanModel, name).remove()
               for name, value in changes.items()]
    condition = PlanModel.plan_id.exists() & PlanModel.status.is_in(*from_statuses)
    if not conditional(plan.update, actions=actions, condition=condition):
        return None
    return _as_dict(plan)


def _as_dict(plan: PlanModel) -> dict:
    item = plan.attribute_values.copy()
    item["target_classes"] = list(item.get("target_classes") or [])
    for name in _COUNTERS:
        item[name] = int(item.get(name) or 0)
    item["price_fen"] = int(item.get("price_fen") or 0)
    return item
