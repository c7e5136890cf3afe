"""Create, in moto, the tables, buckets, queues and event rules that infra/resources.json declares.

The merge template is the single source of truth: production gets these resources from
`chalice package --merge-template`, the local stack gets them from here, under the local
physical names that chalicelib.config gives the application.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

from chalicelib import config

TEMPLATE = Path(__file__).resolve().parent.parent / "infra" / "resources.json"
TABLE = "AWS::DynamoDB::Table"
BUCKET = "AWS::S3::Bucket"
QUEUE = "AWS::SQS::Queue"
RULE = "AWS::Events::Rule"

# CloudFormation logical ID -> local physical name, as the application will look it up.
# A table or bucket declared in the template but missing here stops the stack at start,
# so a new resource cannot silently be absent locally.
# Deployed-only resources: the local static server stands in for the frontend bucket and CloudFront.
NOT_LOCAL = {"FrontendBucket"}
LOCAL_NAMES = {
    "TenantsTable": lambda: config.table_name("tenants"),
    "UsersTable": lambda: config.table_name("users"),
    "ChallengesTable": lambda: config.table_name("challenges"),
    "AuditTable": lambda: config.table_name("audit"),
    "CustomersTable": lambda: config.table_name("customers"),
    "ImportsTable": lambda: config.table_name("imports"),
    "LocksTable": lambda: config.table_name("locks"),
    "ApiKeysTable": lambda: config.table_name("api_keys"),
    "AnalysesTable": lambda: config.table_name("analyses"),
    "PlansTable": lambda: config.table_name("plans"),
    "PlanUsageTable": lambda: config.table_name("plan_usage"),
    "DictionariesTable": lambda: config.table_name("dictionaries"),
    "ImportMappingsTable": lambda: config.table_name("import_mappings"),
    "FollowUpsTable": lambda: config.table_name("follow_ups"),
    "ConsentEventsTable": lambda: config.table_name("consent_events"),
    "SegmentsTable": lambda: config.table_name("segments"),
    "SmsSettingsTable": lambda: config.table_name("sms_settings"),
    "SmsTemplatesTable": lambda: config.table_name("sms_templates"),
    "CampaignsTable": lambda: config.table_name("campaigns"),
    "SmsMessagesTable": lambda: config.table_name("sms_messages"),
    "OptOutsTable": lambda: config.table_name("opt_outs"),
    "SmsUsageTable": lambda: config.table_name("sms_usage"),
    "PlanResultsTable": lambda: config.table_name("plan_results"),
    "BillingTable": lambda: config.table_name("billing"),
    "NotificationsTable": lambda: config.table_name("notifications"),
    "CountersTable": lambda: config.table_name("counters"),
    "DataJobsTable": lambda: config.table_name("data_jobs"),
    "CampaignQueue": lambda: f"{config.resource_prefix()}-campaigns",
    "CampaignDeadLetterQueue": lambda: f"{config.resource_prefix()}-campaigns-dlq",
    "DataJobQueue": lambda: f"{config.resource_prefix()}-data-jobs",
    "DataJobDeadLetterQueue": lambda: f"{config.resource_prefix()}-data-jobs-dlq",
    "ImportQueue": lambda: f"{config.resource_prefix()}-imports",
    "ImportDeadLetterQueue": lambda: f"{config.resource_prefix()}-imports-dlq",
    "AnalysisQueue": lambda: f"{config.resource_prefix()}-analyses",
    "AnalysisDeadLetterQueue": lambda: f"{config.resource_prefix()}-analyses-dlq",
    "UploadEventsRule": lambda: f"{config.resource_prefix()}-upload-events",
    "UploadBucket": config.upload_bucket,
    "DataBucket": config.data_bucket,
}


@dataclass
class LocalResources:
    """Logical ID -> local physical name, per kind of resource."""

    tables: dict = field(default_factory=dict)
    buckets: dict = field(default_factory=dict)
    queues: dict = field(default_factory=dict)  # logical ID -> queue URL once created
    rules: dict = field(default_factory=dict)


def load_template(path: Path = TEMPLATE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def local_resources(template: dict) -> LocalResources:
    found = LocalResources()
    for logical_id, resource in template["Resources"].items():
        # RestAPI has no Type here: it is merged into the API chalice generates (gateway responses)
        kind = {TABLE: found.tables, BUCKET: found.buckets, QUEUE: found.queues, RULE: found.rules}.get(
            resource.get("Type"))
        if kind is None or logical_id in NOT_LOCAL:
            continue
        if logical_id not in LOCAL_NAMES:
            raise KeyError(f"{logical_id} is declared in {TEMPLATE.name} but has no local name: "
                           f"add it to LOCAL_NAMES in {__name__}")
        kind[logical_id] = LOCAL_NAMES[logical_id]()
    return found


def bootstrap(dynamodb, s3, template: dict, frontend_origin: str, sqs=None, events=None) -> LocalResources:
    """Create every declared resource that does not exist yet; return their names (queue URLs for queues)."""
    names = local_resources(template)
    refs = {"FrontendOrigin": frontend_origin, **names.tables, **names.buckets}
    existing_tables = set(_all_tables(dynamodb))
    for logical_id, name in names.tables.items():
        if name not in existing_tables:
            _create_table(dynamodb, name, template["Resources"][logical_id]["Properties"])
    existing_buckets = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    for logical_id, name in names.buckets.items():
        if name not in existing_buckets:
            _create_bucket(s3, name, template["Resources"][logical_id]["Properties"], refs)
    if sqs is not None:
        _create_queues(sqs, names, template, refs)
    if events is not None:
        for logical_id, name in names.rules.items():
            _create_rule(events, name, _resolve(template["Resources"][logical_id]["Properties"], refs))
    return names


def _create_queues(sqs, names: LocalResources, template: dict, refs: dict) -> None:
    """Dead-letter queues first: a queue's redrive policy names its dead-letter queue's ARN."""
    pending = dict(names.queues)
    while pending:
        waiting = len(pending)
        for logical_id, name in list(pending.items()):
            properties = template["Resources"][logical_id]["Properties"]
            try:
                resolved = _resolve(properties, refs)
            except KeyError:
                continue  # refers to a queue not created yet
            attributes = {"VisibilityTimeout": str(resolved.get("VisibilityTimeout", 30))}
            if "RedrivePolicy" in resolved:
                attributes["RedrivePolicy"] = json.dumps(resolved["RedrivePolicy"])
            url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            names.queues[logical_id] = url
            refs[logical_id], refs[f"{logical_id}.Arn"] = url, arn
            del pending[logical_id]
        if len(pending) == waiting:
            raise ValueError(f"queues {sorted(pending)} refer to something the template does not declare")


def _create_rule(events, name: str, properties: dict) -> None:
    events.put_rule(Name=name, EventPattern=json.dumps(properties["EventPattern"]), State=properties["State"])
    events.put_targets(Rule=name, Targets=[{"Id": t["Id"], "Arn": t["Arn"]} for t in properties["Targets"]])


def _all_tables(dynamodb) -> list:
    return [name for page in dynamodb.get_paginator("list_tables").paginate() for name in page["TableNames"]]


def _create_table(dynamodb, name: str, properties: dict) -> None:
    arguments = {key: properties[key] for key in
                 ("KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "BillingMode")
                 if key in properties}
    dynamodb.create_table(TableName=name, **arguments)
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1})
    ttl = properties.get("TimeToLiveSpecification")
    if ttl:
        dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
    # PointInTimeRecovery and SSE change nothing moto would show: not applied locally.


def _create_bucket(s3, name: str, properties: dict, refs: dict) -> None:
    region = s3.meta.region_name
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=name, **location)
    cors = _resolve(properties.get("CorsConfiguration"), refs)
    if cors:
        s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [_cors_rule(rule) for rule in cors["CorsRules"]]})
    if properties.get("VersioningConfiguration"):
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=properties["VersioningConfiguration"])
    eventbridge = properties.get("NotificationConfiguration", {}).get("EventBridgeConfiguration", {})
    if eventbridge.get("EventBridgeEnabled"):
        s3.put_bucket_notification_configuration(
            Bucket=name, NotificationConfiguration={"EventBridgeConfiguration": {}})
    # Encryption, public access blocks and lifecycle expiry have no local effect: not applied.


def _cors_rule(rule: dict) -> dict:
    """A CloudFormation CorsRule in the shape of the S3 API's CORSRule."""
    renamed = {"Id": "ID", "ExposedHeaders": "ExposeHeaders", "MaxAge": "MaxAgeSeconds"}
    return {renamed.get(key, key): value for key, value in rule.items()}


def _resolve(value, refs: dict):
    """Replace {"Ref": name} with its local value; other intrinsics are not needed locally yet."""
    if isinstance(value, list):
        return [_resolve(item, refs) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"Ref"}:
        return refs[value["Ref"]]
    if set(value) == {"Fn::GetAtt"}:
        return refs[".".join(value["Fn::GetAtt"])]
    intrinsic = next((key for key in value if key.startswith("Fn::")), None)
    if intrinsic:
        raise ValueError(f"{intrinsic} is not resolved by the local bootstrap: extend _resolve")
    return {key: _resolve(item, refs) for key, item in value.items()}
