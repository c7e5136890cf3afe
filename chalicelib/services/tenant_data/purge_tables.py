"""Finding and deleting every item of one tenant, table by table (ALL_MODELS; the audit log is kept).

Tables keyed by tenant_id are queried; the rest are found as follows:
- users, api_keys: their tenant_id index; challenges: a scan for the tenant's login names (codes live minutes);
- locks (leases, claims, guards): a scan for lock ids holding the tenant id or its logins' names
  ("login#<name>", "sms#<name>") or the licence number, and guards it owns (the licence claim);
- plans: the author index; plan_usage and plan_results: a scan on tenant_id / result_key "<tenant>#...";
- sms_messages: a query per campaign ("<tenant>#<campaign>"); sms_usage: owner = tenant_id;
- notifications: its logins' owners ("user#<name>"), "once#<tenant>" and "tenant#<tenant>", and a scan for
  staff messages that link to the tenant; counters: adapters.counters.delete_tenant, then scope "tenant#<id>";
- data_jobs: the query, the running deletion's own record left to the very end."""
from pynamodb.expressions.condition import Condition

from chalicelib import config
from chalicelib.adapters import counters, notification_store
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
from chalicelib.adapters.platform_models import BillingModel, CounterModel, DataJobModel, NotificationModel
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


def delete_items(items) -> int:
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


def messages(plan: dict) -> int:
    return sum(delete_items(SmsMessageModel.query(f"{plan['tenant_id']}#{campaign}")) for campaign in plan["campaigns"])


def plan_rows(plan: dict) -> int:
    tid = plan["tenant_id"]
    results = delete_items(PlanResultModel.scan(PlanResultModel.result_key.startswith(f"{tid}#")))
    usage = delete_items(PlanUsageModel.scan(PlanUsageModel.tenant_id == tid))
    for plan_id in plan["plans"]:  # what other tenants did with the tenant's own plans goes with them
        results += delete_items(PlanResultModel.query(plan_id))
        usage += delete_items(PlanUsageModel.query(plan_id))
    return results + usage


def authored_plans(plan: dict) -> int:
    return delete_items(PlanModel.batch_get(plan["plans"])) if plan["plans"] else 0


def by_tenant_key(plan: dict) -> dict:
    tid = plan["tenant_id"]
    counts = {_table(model): delete_items(model.query(tid)) for model in BY_TENANT_KEY}
    counts[_table(SmsUsageModel)] = delete_items(SmsUsageModel.query(tid))
    return counts


def _table(model) -> str:
    """The table's logical name ("customers"), as the certificate lists it."""
    return model.Meta.table_name.removeprefix(f"{config.resource_prefix()}-")


def campaigns(plan: dict) -> int:
    return delete_items(CampaignModel.query(plan["tenant_id"]))


def api_keys(plan: dict) -> int:
    return delete_items(ApiKeyModel.tenant_index.query(plan["tenant_id"]))


def challenges(plan: dict) -> int:
    if not plan["usernames"]:
        return 0
    return delete_items(ChallengeModel.scan(ChallengeModel.username.is_in(*plan["usernames"])))


def locks(plan: dict) -> int:
    tid = plan["tenant_id"]
    named = [f"login#{name}" for name in plan["usernames"]] + [f"sms#{name}" for name in plan["usernames"]]
    if plan.get("license_no"):
        named.append(f"license#{plan['license_no']}")
    found = LockModel.scan(_any_of([LockModel.lock_id.contains(tid), LockModel.owner == tid,
                                    LockModel.lock_id.is_in(*named)]))
    return delete_items(found)


def notifications(plan: dict) -> int:
    tid = plan["tenant_id"]
    count = notification_store.delete_for_tenant(tid, plan["usernames"])
    count += delete_items(NotificationModel.query(f"tenant#{tid}"))
    mentions = list(NotificationModel.scan(_any_of([NotificationModel.link.contains(tid),
                                                    NotificationModel.key.contains(tid),
                                                    NotificationModel.body.contains(tid)])))
    for item in mentions:  # a staff member's unread message about the tenant: its bell counts one fewer
        if item.key.startswith(notification_store.MSG) and not item.read_at:
            NotificationModel(item.owner, notification_store.UNREAD).update(actions=[NotificationModel.unread.add(-1)])
    return count + delete_items(mentions)


def counter_items(plan: dict) -> int:
    tid = plan["tenant_id"]
    before = CounterModel.count(f"tenant#{tid}")
    counters.delete_tenant(tid)
    return before + delete_items(CounterModel.query(f"tenant#{tid}"))


def logins(plan: dict) -> int:
    return delete_items(UserModel.batch_get(plan["usernames"])) if plan["usernames"] else 0


def tenant_item(plan: dict) -> int:
    return delete_items(TenantModel.query(plan["tenant_id"]))


def other_jobs(plan: dict) -> int:
    return delete_items(job for job in DataJobModel.query(plan["tenant_id"]) if job.job_id != plan["job_id"])
