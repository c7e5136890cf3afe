"""The CloudFormation template `chalice package` produces (issue 14): least privilege per function, alarms,
frontend hosting behind CloudFront and the WAF on the API.

Packaging takes a minute or more, so it runs once per commit of the inputs: the first worker packages under a
file lock, the other reuses the result.
"""
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "test-package"

# Function (chalice's logical ID) -> what its code reaches (read from its handler's import graph and its
# services' calls). A policy granting more, or less, fails: change the function's .chalice/policy-<name>.json
# and this table together.
ALL_SMS = "SmsSettings SmsTemplates Campaigns SmsMessages OptOuts SmsUsage PlanResults"
EXPECTED = {
    "APIHandler": dict(
        tables="Analyses ApiKeys Audit Billing Challenges ConsentEvents Counters Customers DataJobs Dictionaries "
               "FollowUps ImportMappings Imports Locks Notifications PlanUsage Plans Segments Tenants Users " + ALL_SMS,
        data="previews/ analyses/ campaigns/ customers/ exports/ jobs/ orders/ plans/ sms/",
        data_delete="previews/ analyses/ customers/ orders/",  # deleting an analysis; rolling an import back
        upload="imports/ licenses/ plan-attachments/",
        send="AnalysisQueue CampaignQueue DataJobQueue",
        params="JwtSecretParameter SmsCallbackTokenParameter AliyunAccessKeySecretParameter", sms=True),
    "JwtAuthorizer": dict(read_tables="Tenants Users", params="JwtSecretParameter"),
    "ImportWorker": dict(
        tables="ApiKeys Audit Billing Campaigns ConsentEvents Counters Customers Dictionaries ImportMappings Imports "
               "Locks OptOuts PlanResults Plans Segments SmsTemplates SmsUsage Tenants Users",
        data="campaigns/ customers/ jobs/ orders/ sms/", data_delete="customers/ orders/",
        upload_read="imports/ drop/", receive="ImportQueue", send="ImportQueue"),
    "MonthlyAnalysis": dict(tables="Billing Dictionaries Tenants", send="AnalysisQueue"),
    "AnalysisWorker": dict(
        tables="Analyses Billing Counters Customers Dictionaries Locks Tenants Users",
        data="previews/ analyses/ customers/ orders/", data_delete="customers/",
        receive="AnalysisQueue", send="AnalysisQueue"),
    "CampaignWorker": dict(
        tables="Analyses Audit Billing Campaigns Counters Customers DataJobs Dictionaries Locks OptOuts PlanUsage "
               "Plans Segments SmsMessages SmsSettings SmsTemplates SmsUsage Tenants Users",
        data="previews/ analyses/ campaigns/ customers/ exports/ orders/ sms/", data_delete="customers/",
        receive="CampaignQueue", send="AnalysisQueue CampaignQueue DataJobQueue",
        params="AliyunAccessKeySecretParameter", sms=True),
    "PlatformDaily": dict(tables="Billing Dictionaries Locks Notifications Plans Tenants Users",
                          params="AliyunAccessKeySecretParameter", sms=True),
    "DataJobWorker": dict(
        tables="Analyses ApiKeys Audit Billing Challenges ConsentEvents Counters Customers DataJobs FollowUps "
               "ImportMappings Imports Locks Notifications PlanUsage Plans Segments Tenants Users " + ALL_SMS,
        data="previews/ analyses/ customers/ exports/ orders/",
        data_delete="(all)", upload_delete="(all)",  # a tenant's deletion empties every prefix of both buckets
        receive="DataJobQueue", send="AnalysisQueue DataJobQueue"),
    "DueDeletions": dict(tables="DataJobs", send="DataJobQueue"),
    "TemplateReviews": dict(tables="Campaigns SmsTemplates", params="AliyunAccessKeySecretParameter", sms=True),
}
_SCHEDULED_CAMPAIGNS = dict(
    tables="Analyses Audit Billing Campaigns Counters Customers DataJobs Dictionaries Locks OptOuts PlanUsage Plans "
           "Segments SmsSettings SmsTemplates SmsUsage Tenants Users",
    data="previews/ analyses/ campaigns/ customers/ exports/ orders/ sms/", data_delete="customers/",
    send="AnalysisQueue CampaignQueue DataJobQueue")
EXPECTED["CampaignClock"] = EXPECTED["BirthdayCampaigns"] = _SCHEDULED_CAMPAIGNS
EXPECTED["Housekeeping"] = dict(tables="Analyses Imports", send="AnalysisQueue")

# "*" as a whole resource only for actions that have no resource-level permissions.
STAR_ACTIONS = {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "kms:Decrypt"}
LOGS = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    files = [ROOT / "app.py", ROOT / "requirements.txt", ROOT / "infra" / "resources.json",
             *sorted((ROOT / ".chalice").glob("*.json")), *sorted((ROOT / "chalicelib").rglob("*.py"))]
    for file in files:
        digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def template() -> dict:
    if given := os.environ.get("PACKAGED_TEMPLATE"):  # `make test` packaged already (scripts/check_package.sh)
        return json.loads((ROOT / given).read_text())
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / _inputs_digest()
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other xdist worker waits for this one's package
        if not (out / "sam.json").exists():
            env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}
            chalice = Path(sys.executable).with_name("chalice")
            done = subprocess.run([str(chalice), "package", "--stage", "dev", "--merge-template",
                                   "infra/resources.json", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
            (out / "deployment.zip").unlink(missing_ok=True)  # only the template is read here
            for older in (d for d in CACHE.iterdir() if d.is_dir() and d != out):
                shutil.rmtree(older, ignore_errors=True)
    return json.loads((out / "sam.json").read_text())


def _of_type(template: dict, kind: str) -> dict:
    return {name: r for name, r in template["Resources"].items() if r.get("Type") == kind}


def _policy(template: dict, function: dict) -> list[dict]:
    role = template["Resources"][function["Properties"]["Role"]["Fn::GetAtt"][0]]
    (policy,) = role["Properties"]["Policies"]
    return policy["PolicyDocument"]["Statement"]


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _token(resource) -> str:
    """A resource as the expected table names it: CustomersTable -> Customers, a data prefix -> data:orders/ …"""
    if isinstance(resource, dict) and "Fn::GetAtt" in resource:
        return resource["Fn::GetAtt"][0]
    text = resource["Fn::Sub"] if isinstance(resource, dict) else resource
    if text == LOGS:
        return "logs"
    if found := re.fullmatch(r"arn:\$\{AWS::Partition\}:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter\$\{(\w+)\}", text):
        return found[1]
    if found := re.fullmatch(r"\$\{(\w+)\.Arn\}/(.*)", text):
        return f"{found[1]}/{found[2]}"
    return text


def _expected_tokens(spec: dict) -> set:
    words = lambda key: spec.get(key, "").split()  # noqa: E731
    prefix = lambda bucket, p: f"{bucket}/{'' if p == '(all)' else p}*"  # noqa: E731
    tables = {f"{name}Table" for name in words("tables") + words("read_tables")}
    tokens = {"logs", "*"} | tables | {f"{name}/index/*" for name in tables & _INDEXED}
    for bucket, key in (("DataBucket", "data"), ("UploadBucket", "upload")):
        used = [p for k in spec if k.startswith(key) for p in words(k)]
        tokens |= {prefix(bucket, p) for p in used} | ({bucket} if used else set())
    tokens |= set(words("send")) | set(words("receive")) | set(words("params"))
    return tokens | ({"sms"} if spec.get("sms") else set())


_INDEXED = {name for name, r in json.loads((ROOT / "infra" / "resources.json").read_text())["Resources"].items()
            if r.get("Properties", {}).get("GlobalSecondaryIndexes")}


def _granted(statements: list[dict]) -> set:
    tokens = set()
    for statement in statements:
        if "NotResource" in statement:
            tokens.add("sms")
        tokens |= {_token(r) for r in _listed(statement.get("Resource", []))}
    return tokens


def _functions(template: dict) -> dict:
    return _of_type(template, "AWS::Serverless::Function")


def test_every_function_has_a_role_and_policy_of_its_own(template):
    functions = _functions(template)
    roles = [f["Properties"]["Role"]["Fn::GetAtt"][0] for f in functions.values()]
    assert len(set(roles)) == len(roles), "two functions share a role"
    unknown = set(functions) - set(EXPECTED)
    assert not unknown, (f"{sorted(unknown)}: give each its own lambda_functions.<name>.iam_policy_file in "
                         ".chalice/config.json and list what it reaches in EXPECTED")
    assert not set(EXPECTED) - set(functions) - {"Housekeeping"}, "a function in EXPECTED is gone"


def test_no_wildcard_beyond_the_allow_list(template):
    for name, function in _functions(template).items():
        for statement in _policy(template, function):
            actions = _listed(statement["Action"])
            assert statement["Effect"] == "Allow", name
            assert all("*" not in action for action in actions), (name, actions)
            if "NotResource" in statement:  # SMS straight to phone numbers: not a topic of any account
                assert actions == ["sns:Publish"] and statement["NotResource"] == "arn:aws:sns:*:*:*", name
                continue
            resources = _listed(statement["Resource"])
            if resources == ["*"]:
                assert set(actions) <= STAR_ACTIONS, (name, actions)
                if "kms:Decrypt" in actions:
                    assert statement["Condition"] == {"StringLike": {"kms:ViaService": "ssm.*.amazonaws.com"}}, name
                continue
            for resource in resources:
                token = _token(resource)
                assert token == "logs" or "*" not in token.rstrip("*") and "*" not in token.split("/")[0], (name, token)


@pytest.mark.parametrize("function", sorted(EXPECTED))
def test_each_function_reaches_only_what_its_code_uses(template, function):
    functions = _functions(template)
    if function not in functions:
        pytest.skip(f"{function} is not in this build yet")
    granted = _granted(_policy(template, functions[function]))
    expected = _expected_tokens(EXPECTED[function])
    assert granted == expected, f"more: {sorted(granted - expected)}; missing: {sorted(expected - granted)}"


def test_only_the_api_the_import_worker_and_the_deletion_delete_orders(template):
    deleting = set()
    for name, function in _functions(template).items():
        for statement in _policy(template, function):
            if "s3:DeleteObject" in _listed(statement["Action"]):
                if {"DataBucket/orders/*", "DataBucket/*"} & {_token(r) for r in _listed(statement["Resource"])}:
                    deleting.add(name)
    assert deleting == {"APIHandler", "ImportWorker", "DataJobWorker"}


def test_the_authorizer_only_reads(template):
    (statement,) = [s for s in _policy(template, _functions(template)["JwtAuthorizer"]) if s["Sid"] == "ReadTables"]
    assert all(action.split(":")[1].startswith(("Get", "BatchGet", "Query", "Describe")) for action in statement["Action"])


def _alarms(template: dict) -> list[dict]:
    return [r["Properties"] for r in _of_type(template, "AWS::CloudWatch::Alarm").values()]


def test_every_function_has_an_errors_and_a_throttles_alarm(template):
    watched = {(a["MetricName"], a["Dimensions"][0]["Value"]["Ref"]) for a in _alarms(template)
               if a.get("Namespace") == "AWS/Lambda"}
    for name in _functions(template):
        assert {("Errors", name), ("Throttles", name)} <= watched, f"add {name}'s alarms to infra/resources.json"


def test_every_dead_letter_queue_and_the_work_queues_age_are_watched(template):
    queues = _of_type(template, "AWS::SQS::Queue")
    dead = {q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0] for q in queues.values()
            if "RedrivePolicy" in q["Properties"]}
    by_metric = {}
    for alarm in _alarms(template):
        if alarm.get("Namespace") == "AWS/SQS":
            by_metric.setdefault(alarm["MetricName"], set()).add(alarm["Dimensions"][0]["Value"]["Fn::GetAtt"][0])
            assert alarm["Threshold"] == 0 or alarm["Threshold"] == {"Ref": "QueueAgeAlarmSeconds"}
    assert by_metric["ApproximateNumberOfMessagesVisible"] == dead == {
        "ImportDeadLetterQueue", "AnalysisDeadLetterQueue", "CampaignDeadLetterQueue", "DataJobDeadLetterQueue"}
    assert by_metric["ApproximateAgeOfOldestMessage"] == {"ImportQueue", "AnalysisQueue"}


def test_sms_spend_and_api_5xx_rate_alarms_notify_the_operators(template):
    alarms = _alarms(template)
    assert all(a["AlarmActions"] == [{"Ref": "OperatorsTopic"}] for a in alarms)
    (spend,) = [a for a in alarms if a.get("MetricName") == "SmsCostYuan"]
    assert (spend["Namespace"], spend["Dimensions"], spend["Statistic"], spend["Period"], spend["Threshold"]) == (
        "Jzyx", [{"Name": "service", "Value": "jzyx"}], "Sum", 86400, {"Ref": "DailySmsSpendAlarmYuan"})
    assert template["Parameters"]["DailySmsSpendAlarmYuan"]["Default"] == 500
    (rate,) = [a for a in alarms if "Metrics" in a]
    metrics = {m["Id"]: m for m in rate["Metrics"]}
    assert metrics["errors"]["MetricStat"]["Metric"]["MetricName"] == "5XXError"
    assert metrics["requests"]["MetricStat"]["Metric"]["MetricName"] == "Count"
    assert "100 * errors / requests" in metrics["rate"]["Expression"] and rate["Threshold"] == 1
    assert _of_type(template, "AWS::CloudWatch::Dashboard")


def _distribution(template: dict) -> dict:
    (distribution,) = _of_type(template, "AWS::CloudFront::Distribution").values()
    return distribution["Properties"]["DistributionConfig"]


def test_the_frontend_bucket_is_private_and_read_by_this_distribution_only(template):
    bucket = template["Resources"]["FrontendBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    policy = template["Resources"]["FrontendBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    for statement in (s for s in policy if s["Effect"] == "Allow"):
        assert statement["Principal"] == {"Service": "cloudfront.amazonaws.com"}
        assert statement["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"].endswith(
            ":distribution/${FrontendDistribution}")
    (s3_origin,) = [o for o in _distribution(template)["Origins"] if "S3OriginConfig" in o]
    assert s3_origin["OriginAccessControlId"] and s3_origin["S3OriginConfig"]["OriginAccessIdentity"] == ""


def test_api_paths_reach_the_api_stage_uncached(template):
    config = _distribution(template)
    (api,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*"]
    (origin,) = [o for o in config["Origins"] if o["Id"] == api["TargetOriginId"]]
    assert origin["OriginPath"] == "/" + template["Resources"]["RestAPI"]["Properties"]["StageName"]
    assert (api["CachePolicyId"], api["OriginRequestPolicyId"]) == (CACHING_DISABLED, ALL_VIEWER_EXCEPT_HOST)
    assert "POST" in api["AllowedMethods"] and "DELETE" in api["AllowedMethods"]
    (assets,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/assets/*"]
    cache = template["Resources"][assets["CachePolicyId"]["Ref"]]["Properties"]["CachePolicyConfig"]
    assert cache["MinTTL"] == 31536000
    assert config["DefaultCacheBehavior"]["CachePolicyId"] == CACHING_DISABLED
    cache_control = lambda b: _headers(template, b)["CustomHeadersConfig"]["Items"][0]["Value"]  # noqa: E731
    assert cache_control(config["DefaultCacheBehavior"]) == "no-cache"
    assert cache_control(assets) == "public, max-age=31536000, immutable"


def _headers(template: dict, behavior: dict) -> dict:
    return template["Resources"][behavior["ResponseHeadersPolicyId"]["Ref"]]["Properties"]["ResponseHeadersPolicyConfig"]


def test_security_headers_on_every_answer(template):
    config = _distribution(template)
    for behavior in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        security = _headers(template, behavior)["SecurityHeadersConfig"]
        csp = dict(part.strip().split(" ", 1) for part in security["ContentSecurityPolicy"]["ContentSecurityPolicy"].split(";"))
        assert csp["script-src"] == "'self'" and csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
        assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
        assert security["FrameOptions"]["FrameOption"] == "DENY"
        assert security["ContentTypeOptions"]["Override"] and security["ReferrerPolicy"]["ReferrerPolicy"]


def test_the_built_pages_have_no_inline_script():
    pages = [ROOT / "frontend" / "dist" / "index.html", ROOT / "frontend" / "dist" / "admin" / "index.html"]
    if not all(page.exists() for page in pages):
        pytest.skip("frontend not built")
    for page in pages:
        for tag in re.findall(r"<script\b[^>]*>", page.read_text()):
            assert "src=" in tag, f"{page}: {tag} is inline; the CSP (script-src 'self') would block it"


def test_the_waf_guards_the_api_stage(template):
    (acl,) = _of_type(template, "AWS::WAFv2::WebACL").values()
    association = template["Resources"]["ApiWebAclAssociation"]["Properties"]
    assert acl["Properties"]["Scope"] == "REGIONAL"
    assert association["ResourceArn"]["Fn::Sub"].endswith("/restapis/${RestAPI}/stages/api")
    rules = {r["Name"]: r["Statement"] for r in acl["Properties"]["Rules"]}
    groups = {s["ManagedRuleGroupStatement"]["Name"] for s in rules.values() if "ManagedRuleGroupStatement" in s}
    assert groups == {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                      "AWSManagedRulesAmazonIpReputationList"}
    limited = set()
    for statement in (s["RateBasedStatement"] for s in rules.values() if "RateBasedStatement" in s):
        scope = statement["ScopeDownStatement"]
        matches = scope["OrStatement"]["Statements"] if "OrStatement" in scope else [scope]
        limited |= {m["ByteMatchStatement"]["SearchString"] for m in matches}
    routes = set(template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"])
    wanted = {"/api/auth/login", "/api/auth/verify", "/api/auth/resend", "/api/auth/password-reset",
              "/api/auth/password-reset/confirm", "/api/auth/register", "/api/auth/license-upload"}
    assert wanted <= routes and limited == wanted
