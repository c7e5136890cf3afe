"""Maintained platform counters (issue 13 contract; the statistics work fills it in)."""
from datetime import datetime


def count(tenant_id: str | None, amounts: dict, at: datetime | None = None) -> None:
    """Add `amounts` ({metric: number}) atomically to the platform's totals, the platform's China day at `at`
    (default now) and, with a tenant, the tenant's totals."""


def delete_tenant(tenant_id: str) -> None:
    """Remove the tenant's own counters (platform totals keep what it contributed)."""
