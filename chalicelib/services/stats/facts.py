"""Where a counted fact happens, its code calls one of these: a counter that fails to move is logged, never
turned into a failure of what already happened (the backfill can rebuild the counters)."""
import functools

from chalicelib.adapters import counters
from chalicelib.domain.import_spec import CUSTOMERS
from chalicelib.observability import add_metric, logger


def _logged(fact):
    @functools.wraps(fact)
    def wrapper(*args, **kwargs):
        try:
            fact(*args, **kwargs)
        except Exception:
            logger.exception("counters not updated for %s", fact.__name__)
    return wrapper


@_logged
def import_applied(tenant_id: str, kind: str, counts: dict) -> None:
    """A real (not dry-run) import completed: the customers or orders it added (a re-import adds 0)."""
    metric = "customers" if kind == CUSTOMERS else "orders"
    counters.count(tenant_id, {metric: int(counts.get("new") or 0), "imports": 1})


@_logged
def import_rolled_back(tenant_id: str, counts: dict) -> None:
    """An order import was rolled back: its orders are gone again."""
    counters.count(tenant_id, {"orders": -int(counts.get("new") or 0)})


@_logged
def analysis_saved(tenant_id: str) -> None:
    add_metric("AnalysesSaved", 1)
    counters.count(tenant_id, {"analyses": 1})


@_logged
def campaign_started(tenant_id: str) -> None:
    counters.count(tenant_id, {"campaigns": 1})


@_logged
def sms_submitted(tenant_id: str, messages: list[dict], price_li: int) -> None:
    """Messages the provider accepted, and what they cost (parts x the price frozen on the campaign)."""
    accepted = [m for m in messages if m.get("status") == "submitted"]
    parts = sum(max(int(m.get("parts") or 1), 1) for m in accepted)
    add_metric("SmsSent", len(accepted))
    add_metric("SmsFailed", sum(1 for m in messages if m.get("status") == "failed"))
    add_metric("SmsCostYuan", parts * int(price_li or 0) / 1000)  # 1 li = 1/1000 yuan
    counters.count(tenant_id, {"sms_sent": len(accepted), "sms_cost_li": parts * int(price_li or 0)})
