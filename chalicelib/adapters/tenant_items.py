"""Every item of one tenant, table by table: counted, read as stored (the export) and deleted (the deletion).
Which tables go into which sheet, and in which order a deletion takes them, is services/tenant_data's rule.

Tables keyed by tenant_id are queried; the rest are found as follows:
- users, api_keys: their tenant_id index; challenges: a scan for the tenant's login names (codes live minutes);
- locks (leases, claims, guards): a scan for lock ids holding the tenant id or its logins' names
  ("login#<name>", "sms#<name>") or the licence number, and guards it owns (the licence claim);
- plans: the author index; plan_usage and plan_results: a scan on tenant_id / result_key "<tenant>#...";
- sms_messages: a query per campaign ("<tenant>#<campaign>"); sms_usage: owner = tenant_id;
- notifications: adapters/notification_store.py; counters: adapters.counters.delete_tenant, then scope
  "tenant#<id>"; data_jobs: the query, the running deletion's own record left to the very end."""
from collections.abc import Iterable

from pynamodb.attributes import MapAttribute
from pynamodb.expressions.condition import Condition

from chalicelib import config
from chalicelib.adapters import counters
from chalicelib.adapters.models import (
    AnalysisModel,
    ApiKeyModel,
    ChallengeModel,
    ConsentEventModel,
    CustomerModel,
    FollowUpModel,
    ImportJobModel,
    ImportMappingModel,
    LockModel,
    PlanModel,
    PlanUsageModel,
    SegmentModel,
    TenantModel,
    UserModel,
)
from chalicelib.adapters.platform_models import BillingModel, CounterModel, DataJobModel
from chalicelib.adapters.sms_models import (
    CampaignModel,
    OptOutModel,
    PlanResultModel,
    SmsMessageModel,
    SmsSettingsModel,
    SmsTemplateModel,
    SmsUsageModel,
)

BY_TENANT_KEY = (CustomerModel, ImportJobModel, AnalysisModel, FollowUpModel, ConsentEventModel, ImportMappingModel,
                 SegmentModel, SmsSettingsModel, SmsTemplateModel, OptOutModel, BillingModel)
_SINCE = {"imports": ImportJobModel.import_id, "analyses": AnalysisModel.analysis_id}  # range keys: UTC time ids


def _table(model) -> str:
    """The table's logical name ("customers"), as the certificate and callers name it."""
    return model.Meta.table_name.removeprefix(f"{config.resource_prefix()}-")


def _keyed(table: str):
    """The model of a table keyed by tenant_id."""
    for model in (*BY_TENANT_KEY, CampaignModel):
        if _table(model) == table:
            return model
    raise KeyError(f"{table} is not keyed by tenant_id")


def campaign_ids(tenant_id: str) -> list[str]:
    return [item.campaign_id for item in CampaignModel.query(tenant_id, attributes_to_get=["campaign_id"])]


def authored_plan_ids(tenant_id: str) -> list[str]:
    return [item.plan_id for item in PlanModel.author_index.query(tenant_id)]


def _messages(tenant_id: str) -> Iterable:
    return (message for campaign in campaign_ids(tenant_id)
            for message in SmsMessageModel.query(f"{tenant_id}#{campaign}"))


def count(table: str, tenant_id: str, since: str | None = None) -> int:
    """The tenant's items in `table` (sms_messages: over its campaigns); `since` ("imports", "analyses"): only
    those whose id, a UTC time id, is at least it."""
    if table == "sms_messages":
        return sum(SmsMessageModel.count(f"{tenant_id}#{campaign}") for campaign in campaign_ids(tenant_id))
    if since is not None:
        return _keyed(table).count(tenant_id, _SINCE[table] >= since)
    return _keyed(table).count(tenant_id)


def rows(table: str, tenant_id: str) -> list[dict]:
    """Every stored attribute of each of the tenant's items in `table` ("tenants", "users", "api_keys",
    "sms_messages" or a table keyed by tenant_id), as plain values (a map attribute is a dict; sets stay sets)."""
    found: Iterable
    if table == "tenants":
        found = TenantModel.query(tenant_id)
    elif table == "users":
        found = UserModel.tenant_index.query(tenant_id)
    elif table == "api_keys":
        found = ApiKeyModel.tenant_index.query(tenant_id)
    elif table == "sms_messages":
        found = _messages(tenant_id)
    else:
        found = _keyed(table).query(tenant_id)
    return [{name: value.as_dict() if isinstance(value, MapAttribute) else value
             for name, value in item.attribute_values.items()} for item in found]


def _delete(items) -> int:
    """Batch-delete the items (any one model); how many."""
    items = list(items)
    if items:
        with type(items[0]).batch_write() as batch:
            for item in items:
                batch.delete(item)
    return len(items)


def _any_of(conditions: list[Condition]) -> Condition:
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = combined | condition
    return combined


def delete_messages(tenant_id: str, campaigns: list[str]) -> int:
    return sum(_delete(SmsMessageModel.query(f"{tenant_id}#{campaign}")) for campaign in campaigns)


def delete_plan_rows(tenant_id: str, plans: list[str]) -> int:
    """The tenant's plan usage and results, and what other tenants did with the tenant's own `plans`."""
    results = _delete(PlanResultModel.scan(PlanResultModel.result_key.startswith(f"{tenant_id}#")))
    usage = _delete(PlanUsageModel.scan(PlanUsageModel.tenant_id == tenant_id))
    for plan_id in plans:
        results += _delete(PlanResultModel.query(plan_id))
        usage += _delete(PlanUsageModel.query(plan_id))
    return results + usage


def delete_plans(plans: list[str]) -> int:
    return _delete(PlanModel.batch_get(plans)) if plans else 0


def delete_by_tenant_key(tenant_id: str) -> dict:
    """Every table keyed by tenant_id but campaigns (and the tenant itself): {table: items deleted}."""
    deleted = {_table(model): _delete(model.query(tenant_id)) for model in BY_TENANT_KEY}
    deleted[_table(SmsUsageModel)] = _delete(SmsUsageModel.query(tenant_id))
    return deleted


def delete_campaigns(tenant_id: str) -> int:
    return _delete(CampaignModel.query(tenant_id))


def delete_api_keys(tenant_id: str) -> int:
    return _delete(ApiKeyModel.tenant_index.query(tenant_id))


def delete_challenges(usernames: list[str]) -> int:
    return _delete(ChallengeModel.scan(ChallengeModel.username.is_in(*usernames))) if usernames else 0


def delete_locks(tenant_id: str, usernames: list[str], license_no: str | None) -> int:
    named = [f"login#{name}" for name in usernames] + [f"sms#{name}" for name in usernames]
    if license_no:
        named.append(f"license#{license_no}")
    return _delete(LockModel.scan(_any_of([LockModel.lock_id.contains(tenant_id), LockModel.owner == tenant_id,
                                           LockModel.lock_id.is_in(*named)])))


def delete_counters(tenant_id: str) -> int:
    """The tenant's counters, its totals first taken off the platform's (adapters/counters.py)."""
    before = CounterModel.count(f"tenant#{tenant_id}")
    counters.delete_tenant(tenant_id)
    return before + _delete(CounterModel.query(f"tenant#{tenant_id}"))


def delete_logins(usernames: list[str]) -> int:
    return _delete(UserModel.batch_get(usernames)) if usernames else 0


def delete_tenant(tenant_id: str) -> int:
    return _delete(TenantModel.query(tenant_id))


def delete_data_jobs(tenant_id: str, but: str) -> int:
    """Every data job item of the tenant (markers included) except the job `but`."""
    return _delete(job for job in DataJobModel.query(tenant_id) if job.job_id != but)


def delete_data_job(tenant_id: str, job_id: str) -> None:
    _delete([DataJobModel(tenant_id, job_id)])
