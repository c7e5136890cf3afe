"""What a tenant stores (items per table, objects and bytes per S3 prefix) and what it used this month."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import opt_out_ledger, sms_usage, tenant_items
from chalicelib.services.data_state import data_state
from chalicelib.services.tenant_data.prefixes import tenant_prefixes

CHINA = timezone(timedelta(hours=8))
COUNTED = ("analyses", "segments", "campaigns", "sms_messages", "sms_templates", "imports")  # tables


def stored(tenant_id: str) -> dict:
    """Counts per kind of data, then files and bytes over all of the tenant's S3 prefixes."""
    state = data_state(tenant_id)
    prefixes = tenant_prefixes(tenant_id)
    return {"customers": state["customers"], "orders": state["orders"],
            **{table: tenant_items.count(table, tenant_id) for table in COUNTED},
            # numbers opted out now, as the tenant's 退订名单 counts them (not its evidence items)
            "opt_outs": len(opt_out_ledger.opted_out_mobiles(tenant_id)),
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
    imports = tenant_items.count("imports", tenant_id, since)
    analyses = tenant_items.count("analyses", tenant_id, since)
    day = (now or datetime.now(timezone.utc)).astimezone(CHINA).strftime("%Y-%m-%d")
    return {"month": month, "imports": imports, "analyses": analyses, "sms_sent": sms_usage.used(tenant_id, day)[1]}
