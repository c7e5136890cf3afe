"""What numbers already got (or are planned to get) from this tenant: read from the plans of its recent
campaigns, so the frequency cap and the per-number day limit cost a few object reads, not one read per number."""
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from chalicelib.adapters import campaign_plans, campaign_store
from chalicelib.domain.sms.window import CHINA

EMPTY = np.empty(0, dtype="U1")


@dataclass(frozen=True)
class RecentSends:
    marketing: np.ndarray  # one entry per marketing SMS to a number within the cap window
    today: np.ndarray  # one entry per SMS of any kind to a number this China day


def recent(tenant_id: str, now: datetime, frequency_days: int, exclude: str = "", *,
           campaigns=campaign_store, plans=campaign_plans) -> RecentSends:
    """Sent-group numbers of the tenant's campaigns planned within `frequency_days` (not `exclude` itself)."""
    since = (now - timedelta(days=frequency_days)).isoformat(timespec="seconds")
    day_start = now.astimezone(CHINA).replace(hour=0, minute=0, second=0, microsecond=0).astimezone(now.tzinfo)
    marketing, today = [], []
    for campaign in campaigns.recent_for_tenant(tenant_id, since):
        if campaign["campaign_id"] == exclude or campaign["status"] == "draft":
            continue
        plan = plans.read(tenant_id, campaign["campaign_id"], ("mobile", "group"))
        if plan is None:
            continue
        mobiles = plan["mobile"][plan["group"] == 0]
        marketing.append(mobiles)  # campaigns send marketing templates only (notices are not campaigns)
        if datetime.fromisoformat(campaign["planned_at"]) >= day_start:
            today.append(mobiles)
    return RecentSends(np.concatenate(marketing) if marketing else EMPTY, np.concatenate(today) if today else EMPTY)
