"""What a tenant stores (items per table, objects and bytes per S3 prefix) and what it used this month."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import sms_usage
from chalicelib.adapters.models import AnalysisModel, ImportJobModel, SegmentModel
from chalicelib.adapters.sms_models import CampaignModel, OptOutModel, SmsMessageModel, SmsTemplateModel
from chalicelib.services.data_state import data_state
from chalicelib.services.tenant_data.prefixes import tenant_prefixes

CHINA = timezone(timedelta(hours=8))


def _count(model, tenant_id: str) -> int:
    return model.count(tenant_id)


def _messages(tenant_id: str) -> int:
    campaigns = [item.campaign_id for item in CampaignModel.query(tenant_id, attributes_to_get=["campaign_id"])]
    return sum(SmsMessageModel.count(f"{tenant_id}#{campaign}") for campaign in campaigns)


def stored(tenant_id: str) -> dict:
    """Counts per kind of data, then files and bytes over all of the tenant's S3 prefixes."""
    state = data_state(tenant_id)
    prefixes = tenant_prefixes(tenant_id)
    return {"customers": state["customers"], "orders": state["orders"],
            "analyses": _count(AnalysisModel, tenant_id), "segments": _count(SegmentModel, tenant_id),
            "campaigns": _count(CampaignModel, tenant_id), "sms_messages": _messages(tenant_id),
            "sms_templates": _count(SmsTemplateModel, tenant_id), "opt_outs": _count(OptOutModel, tenant_id),
            "imports": _count(ImportJobModel, tenant_id),
            "files": sum(p["objects"] for p in prefixes), "bytes": sum(p["bytes"] for p in prefixes),
            "by_prefix": prefixes}


def month_start_utc(now: datetime | None = None) -> tuple[str, str]:
    """("YYYY-MM" of the China month, the UTC time-id prefix "YYYYmmddHHMMSS" of its first instant)."""
    china = (now or datetime.now(timezone.utc)).astimezone(CHINA)
    first = china.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return china.strftime("%Y-%m"), first.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")


def usage(tenant_id: str, now: datetime | None = None) -> dict:
    """This China month: imports run, analyses run and SMS sent (import and analysis ids start with UTC time)."""
    month, since = month_start_utc(now)
    imports = ImportJobModel.count(tenant_id, ImportJobModel.import_id >= since)
    analyses = AnalysisModel.count(tenant_id, AnalysisModel.analysis_id >= since)
    day = (now or datetime.now(timezone.utc)).astimezone(CHINA).strftime("%Y-%m-%d")
    return {"month": month, "imports": imports, "analyses": analyses, "sms_sent": sms_usage.used(tenant_id, day)[1]}
