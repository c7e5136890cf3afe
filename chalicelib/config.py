"""Every setting, read from the environment, with defaults for the local stack.

Values are read when asked for (not at import) so tests and the local stack can
change the environment before the first call.
"""
import json
import os
from functools import lru_cache

LOCAL_JWT_SECRET = "local-only-jwt-secret-change-me-in-production-0123456789"


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _int(name: str, default: int) -> int:
    return int(_env(name, str(default)))


def resource_prefix() -> str:
    return _env("RESOURCE_PREFIX", "jzyx-local")


def table_name(logical: str) -> str:
    """Physical name of a DynamoDB table; production passes each one in."""
    return _env(f"{logical.upper()}_TABLE", f"{resource_prefix()}-{logical}")


def upload_bucket() -> str:
    return _env("UPLOAD_BUCKET", f"{resource_prefix()}-uploads")


def data_bucket() -> str:
    return _env("DATA_BUCKET", f"{resource_prefix()}-data")


def object_cache_bytes() -> int:
    """Memory for S3 objects that never change (customer-table columns) kept between requests of one process."""
    return _int("OBJECT_CACHE_MB", 128) * 1024 * 1024


def region() -> str:
    return _env("AWS_REGION", _env("AWS_DEFAULT_REGION", "us-east-1"))


def stage() -> str:
    """The chalice stage the code runs in ("local" for `make run`); empty when none was set."""
    return os.environ.get("STAGE", "")


class MissingSetting(RuntimeError):
    """A setting the deployment cannot run without."""


def jwt_secret() -> str:
    """Signing key: an SSM SecureString in production (or JWT_SECRET); the published local key only locally."""
    parameter = os.environ.get("JWT_SECRET_PARAM")
    if parameter:
        return _ssm_secret(parameter)
    if os.environ.get("JWT_SECRET"):
        return os.environ["JWT_SECRET"]
    if stage() == "local":
        return LOCAL_JWT_SECRET
    # Fail closed: falling back to the key published above would let anyone sign tokens.
    raise _no_signing_key()


def require_signing_key() -> None:
    """At a Lambda cold start: a deployed stage without a signing key must not serve at all (no SSM call).

    Only inside Lambda: `chalice package` imports app.py under the deployed stage's variables too,
    and the key's parameter name reaches the functions from the template, not from config.json.
    """
    if not os.environ.get("AWS_LAMBDA_FUNCTION_NAME") or stage() == "local":
        return
    if not (os.environ.get("JWT_SECRET_PARAM") or os.environ.get("JWT_SECRET")):
        raise _no_signing_key()


def _no_signing_key() -> MissingSetting:
    return MissingSetting(f"未配置 JWT 签名密钥（STAGE={stage() or '未设置'}）：请设置 JWT_SECRET_PARAM 或 JWT_SECRET")


@lru_cache(maxsize=4)
def _ssm_secret(parameter: str) -> str:
    from chalicelib.adapters.aws import client

    return client("ssm").get_parameter(Name=parameter, WithDecryption=True)["Parameter"]["Value"]


def jwt_ttl_seconds() -> int:
    return _int("JWT_TTL_HOURS", 12) * 3600


def frontend_origin() -> str:
    return _env("FRONTEND_ORIGIN", "http://127.0.0.1:8080")


def max_body_bytes() -> int:
    return _int("MAX_BODY_BYTES", 64 * 1024)


def license_image_max_bytes() -> int:
    return _int("LICENSE_IMAGE_MAX_BYTES", 5 * 1024 * 1024)


def sms_echo() -> bool:
    """Print every SMS to the console: on the local stage only (codes must never reach production logs, so an
    SMS_ECHO left in a deployed stage's settings changes nothing)."""
    return stage() == "local" and _env("SMS_ECHO", "false").lower() == "true"


# Login security rules (issue 2): numbers a reviewer asked for, not tunables to hide.
MAX_PASSWORD_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
SMS_CODE_TTL_SECONDS = 5 * 60
SMS_CODE_MAX_ATTEMPTS = 5
SMS_RESEND_SECONDS = 60


def import_queue_url() -> str:
    """Where import events wait; the worker re-sends a busy tenant's work to it, delayed."""
    return _env("IMPORT_QUEUE_URL", "")


def import_max_bytes() -> int:
    return _int("IMPORT_MAX_BYTES", 100 * 1024 * 1024)


def xlsx_max_cells() -> int:
    """Rows x columns of an xlsx sheet an import reads at most (bounds the worker's memory)."""
    from chalicelib.domain.import_spec import MAX_CELLS

    return _int("XLSX_MAX_CELLS", MAX_CELLS)


def bulk_max_body_bytes() -> int:
    return _int("BULK_MAX_BODY_BYTES", 1024 * 1024)


# The queue the import worker listens to, named when `chalice package` runs (decorator arguments
# are read at import time, before any stage environment exists).
IMPORT_QUEUE_NAME = os.environ.get("IMPORT_QUEUE_NAME", "jzyx-dev-imports")
IMPORT_LEASE_SECONDS = 16 * 60  # longer than the worker's 15-minute Lambda timeout
IMPORT_MAX_ATTEMPTS = 3


def analysis_queue_url() -> str:
    """Where monthly analyses and class updates wait for the analysis worker."""
    return _env("ANALYSIS_QUEUE_URL", "")


ANALYSIS_QUEUE_NAME = os.environ.get("ANALYSIS_QUEUE_NAME", "jzyx-dev-analyses")
# Work waiting for a tenant's import lease comes back as a new message after 5, 10, 20, 40, 60, 60... s
# (a receive handed back would count towards maxReceiveCount), and gives up after 6 hours: 22
# imports of the full 15 minutes one after another, or a crashed worker's 16-minute lease many times over.
LEASE_WAIT_FIRST_DELAY_SECONDS = 5
LEASE_WAIT_MAX_DELAY_SECONDS = 60
LEASE_WAIT_GIVE_UP_SECONDS = 6 * 3600
PREVIEW_KEEP_SECONDS = 24 * 3600


# SMS and campaigns (issue 12)
def campaign_queue_url() -> str:
    """Where campaign send chunks (up to 100 recipients each) wait for the campaign worker."""
    return _env("CAMPAIGN_QUEUE_URL", "")


CAMPAIGN_QUEUE_NAME = os.environ.get("CAMPAIGN_QUEUE_NAME", "jzyx-dev-campaigns")


def data_job_queue_url() -> str:
    """Tenant data exports and deletions (issue 13): long jobs, one message each."""
    return _env("DATA_JOB_QUEUE_URL", "")


DATA_JOB_QUEUE_NAME = os.environ.get("DATA_JOB_QUEUE_NAME", "jzyx-dev-data-jobs")


def export_job_rows() -> int:
    """Exports of more rows than this run as jobs with a link (API Gateway answers in 29 s and 10 MB)."""
    return _int("EXPORT_JOB_ROWS", 20_000)
CAMPAIGN_CHUNK = 100  # recipients per queued message = Aliyun SendBatchSms's most numbers per call


def sms_provider() -> str:
    """"sns" (local stack, global regions) or "aliyun" (production default for mainland numbers)."""
    return _env("SMS_PROVIDER", "sns" if stage() in ("local", "") else "aliyun")


def sms_rate_per_second() -> int:
    """Messages per second the provider account allows; dispatch never goes faster."""
    return _int("SMS_RATE_PER_SECOND", 50)


def sms_price_li(kind: str) -> int:
    """Platform price per SMS part in 0.001 yuan (¥0.055 marketing, ¥0.045 notice by default)."""
    return _int("SMS_PRICE_MARKETING_LI", 55) if kind == "marketing" else _int("SMS_PRICE_NOTICE_LI", 45)


def sms_daily_cap() -> int:
    """Messages a tenant may send per China day unless the platform set its own cap."""
    return _int("SMS_DAILY_CAP", 20000)


def sms_monthly_cap() -> int:
    return _int("SMS_MONTHLY_CAP", 200000)


def sms_callback_token() -> str:
    """Shared secret the provider's callback URLs carry (?token=); the local stack uses a published one."""
    token = os.environ.get("SMS_CALLBACK_TOKEN")
    if token:
        return token
    if os.environ.get("SMS_CALLBACK_TOKEN_PARAM"):  # deployed: an SSM SecureString, like the JWT key
        return _ssm_secret(os.environ["SMS_CALLBACK_TOKEN_PARAM"])
    if stage() in ("local", ""):
        return "local-sms-callback-token"
    raise MissingSetting("未配置短信回执回调密钥：请设置 SMS_CALLBACK_TOKEN")


def aliyun_sms_endpoint() -> str:
    """dysmsapi endpoint; tests point it at a loopback server."""
    return _env("ALIYUN_SMS_ENDPOINT", "dysmsapi.aliyuncs.com")


def sms_send_window() -> tuple[int, int]:
    """Marketing SMS hours (China time, [start, end) in hours): 08–20, the strictest provider rule.

    Only the local stack and tests may widen it (SMS_SEND_WINDOW="0-24"), so a night-time demo or
    browser test can watch delivery; a deployed stage always keeps 08:00–20:00."""
    raw = os.environ.get("SMS_SEND_WINDOW", "") if stage() in ("local", "") else ""
    start, _, end = raw.partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else (8, 20)


# SMS gateway (adapters/sms/)
def sms_platform_signature() -> str:
    """Signature of the platform's own messages (login codes); approved on the Aliyun account."""
    return _env("SMS_PLATFORM_SIGNATURE", "精准营销云")


def sms_login_template_code() -> str:
    """Aliyun verification template (TemplateType 0) with one variable ${code}, for login codes."""
    return _env("SMS_LOGIN_TEMPLATE_CODE", "")


def sms_notice_template_codes() -> dict[str, str]:
    """Aliyun notice templates (TemplateType 1) per notification kind, JSON {"expiry_15": "SMS_…", …}; each has
    one variable ${content}."""
    try:
        codes = json.loads(os.environ.get("SMS_NOTICE_TEMPLATES", "") or "{}")
    except ValueError:
        return {}
    return codes if isinstance(codes, dict) else {}


def aliyun_access_key() -> tuple[str, str]:
    key_id, secret = os.environ.get("ALIYUN_ACCESS_KEY_ID", ""), os.environ.get("ALIYUN_ACCESS_KEY_SECRET", "")
    if not secret and os.environ.get("ALIYUN_ACCESS_KEY_SECRET_PARAM"):  # deployed: an SSM SecureString
        secret = _ssm_secret(os.environ["ALIYUN_ACCESS_KEY_SECRET_PARAM"])
    if not key_id or not secret:
        raise MissingSetting("未配置阿里云短信密钥：请设置 ALIYUN_ACCESS_KEY_ID 和 ALIYUN_ACCESS_KEY_SECRET")
    return key_id, secret


def aliyun_sms_protocol() -> str:
    """HTTPS always; plain HTTP only on the local stack and in tests (a loopback server stands in)."""
    wanted = _env("ALIYUN_SMS_PROTOCOL", "https").lower()
    return "http" if wanted == "http" and stage() in ("local", "") else "https"


def aliyun_sms_timeouts_ms() -> tuple[int, int]:
    """(connect, read) in milliseconds; Aliyun asks for at least 1 s."""
    return _int("ALIYUN_SMS_CONNECT_TIMEOUT_MS", 3000), _int("ALIYUN_SMS_READ_TIMEOUT_MS", 10000)


def sms_local_review_seconds() -> int:
    """Seconds the SNS provider's stand-in template review stays "pending" (no real review exists)."""
    return _int("SMS_LOCAL_REVIEW_SECONDS", 5)
