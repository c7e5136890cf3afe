"""Measured results of campaigns, filed under their plan: one item per (plan, tenant, campaign)."""
import json

from chalicelib.adapters.sms_models import PlanResultModel
from chalicelib.clock import now_iso


def upsert(plan_id: str, tenant_id: str, campaign_id: str, figures: dict) -> None:
    """Replace the campaign's figures (a later report always knows at least as many orders)."""
    PlanResultModel(plan_id, f"{tenant_id}#{campaign_id}", figures=json.dumps(figures, sort_keys=True),
                    updated_at=now_iso()).save()


def for_plan(plan_id: str) -> list[dict]:
    """Every campaign's figures for the plan: [{tenant_id, campaign_id, figures, updated_at}]."""
    return [_row(item) for item in PlanResultModel.query(plan_id)]


def _row(item: PlanResultModel) -> dict:
    tenant_id, _, campaign_id = item.result_key.partition("#")
    return {"tenant_id": tenant_id, "campaign_id": campaign_id, "figures": json.loads(item.figures),
            "updated_at": item.updated_at}
