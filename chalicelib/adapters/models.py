"""PynamoDB models, one per table. Table names come from configuration at call time."""
from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.model_base import BaseMeta, TableName


class TenantStatusIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "status-created_at"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class TenantLicenseIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "license_no"
        projection = AllProjection()

    license_no = UnicodeAttribute(hash_key=True)


class TenantChangeIndex(GlobalSecondaryIndex):
    """Sparse: only tenants whose profile changes await review carry `change_pending`."""

    class Meta:
        index_name = "change_pending-created_at"
        projection = AllProjection()

    change_pending = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class TenantModel(Model):
    class Meta(BaseMeta):
        table_name = TableName("tenants")

    tenant_id = UnicodeAttribute(hash_key=True)
    company_name = UnicodeAttribute()
    contact_name = UnicodeAttribute()
    contact_phone = UnicodeAttribute()
    license_no = UnicodeAttribute()
    license_image_key = UnicodeAttribute(null=True)
    region = MapAttribute()
    industry = UnicodeAttribute()
    username = UnicodeAttribute()
    status = UnicodeAttribute()
    reject_reason = UnicodeAttribute(null=True)
    call_notes = UnicodeAttribute(null=True)
    pending_changes = MapAttribute(null=True)
    change_pending = UnicodeAttribute(null=True)  # kept by tenant_store.save(), for change_index
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    reviewed_at = UnicodeAttribute(null=True)
    reviewed_by = UnicodeAttribute(null=True)
    # 门店 names the tenant added by hand (adapters/store_names.py); declared here so a full save keeps them
    store_names = UnicodeSetAttribute(null=True)
    # Fees (issue 13, services/billing): the fee plan, the trial's last day and the paid-until day (China dates),
    # and the state the daily schedule last derived (for lists; the API derives it again from the dates).
    fee_plan = UnicodeAttribute(null=True)
    trial_ends = UnicodeAttribute(null=True)
    paid_until = UnicodeAttribute(null=True)
    billing_state = UnicodeAttribute(null=True)

    status_index = TenantStatusIndex()
    license_index = TenantLicenseIndex()
    change_index = TenantChangeIndex()


class AccountTypeIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "account_type-created_at"
        projection = AllProjection()

    account_type = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class TenantUsersIndex(GlobalSecondaryIndex):
    """A tenant's logins: its 企业管理员 and sub-accounts (staff have no tenant_id, so are not indexed)."""

    class Meta:
        index_name = "tenant_id-created_at"
        projection = AllProjection()

    tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class UserModel(Model):
    """A login: a tenant's user or a platform staff member. Login names are one namespace."""

    class Meta(BaseMeta):
        table_name = TableName("users")

    username = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    account_type = UnicodeAttribute()  # "tenant" or "staff"
    role = UnicodeAttribute()
    tenant_id = UnicodeAttribute(null=True)
    display_name = UnicodeAttribute()
    mobile = UnicodeAttribute()
    password_hash = UnicodeAttribute()
    status = UnicodeAttribute(default="active")  # "active" or "disabled" (staff)
    # Tokens carry the version they were issued under; a password change or reset bumps it, ending them all.
    token_version = NumberAttribute(default=0)
    created_at = UnicodeAttribute()
    # Tenant sub-accounts (店长 / 只读): the store a 店长 is limited to, whether its lists show full mobiles,
    # and the 企业管理员 who created it.
    store = UnicodeAttribute(null=True)
    show_mobile = BooleanAttribute(default=False)
    created_by = UnicodeAttribute(null=True)
    last_login_at = UnicodeAttribute(null=True)  # the latest completed two-factor login (issue 13: 最近登录)

    account_type_index = AccountTypeIndex()
    tenant_index = TenantUsersIndex()


class ChallengeModel(Model):
    """A pending SMS code for a login or a password reset; DynamoDB's TTL removes it."""

    class Meta(BaseMeta):
        table_name = TableName("challenges")

    challenge_id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute()
    purpose = UnicodeAttribute()  # "login" or "reset"
    secret = UnicodeAttribute()
    counter = NumberAttribute(default=0)
    attempts = NumberAttribute(default=0)
    expires_at = NumberAttribute()
    sent_at = NumberAttribute()
    used = BooleanAttribute(default=False)
    delivered = BooleanAttribute(default=True)
    # A reset asked for a login name and mobile that do not match: stored and answered like a real one,
    # so nobody can tell the two apart, but no code was sent and none is ever accepted.
    decoy = BooleanAttribute(default=False)
    ttl = TTLAttribute()


class AuditMonthIndex(GlobalSecondaryIndex):
    """Every entry by China month, newest last: the platform-wide audit log reads it month by month."""

    class Meta:
        index_name = "month-at"
        projection = AllProjection()

    month = UnicodeAttribute(hash_key=True)  # "YYYY-MM", China time
    at = UnicodeAttribute(range_key=True)


class AuditModel(Model):
    """Who did what to which tenant or staff account, newest last. Entries are never edited or deleted."""

    class Meta(BaseMeta):
        table_name = TableName("audit")

    target = UnicodeAttribute(hash_key=True)  # "tenant#<id>" or "staff#<username>"
    entry_id = UnicodeAttribute(range_key=True)  # "<iso time>#<random>"
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    detail = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
    month = UnicodeAttribute(null=True)  # null only on entries written before the month index existed
    role = UnicodeAttribute(null=True)
    tenant_id = UnicodeAttribute(null=True)
    ip = UnicodeAttribute(null=True)
    changes = UnicodeAttribute(null=True)  # JSON [{"field", "before", "after"}]
    by_month = AuditMonthIndex()


class CustomerModel(Model):
    """A tenant's customer, keyed by the tenant's own customer code."""

    class Meta(BaseMeta):
        table_name = TableName("customers")
        max_retry_attempts = 10  # also bounds the re-sends of unprocessed batch items

    tenant_id = UnicodeAttribute(hash_key=True)
    customer_code = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute(default="")
    mobile = UnicodeAttribute(default="")
    gender = UnicodeAttribute(default="")
    birthday = UnicodeAttribute(default="")
    region = UnicodeAttribute(default="")
    id_number = UnicodeAttribute(default="")
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    sms_consent = BooleanAttribute(default=False)
    store = UnicodeAttribute(default="")  # the imported 所属门店 ('' = none: the store of most orders applies)
    rfm_class = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    last_import_id = UnicodeAttribute(null=True)


class AwaitingFileIndex(GlobalSecondaryIndex):
    """Sparse: only upload jobs still waiting for their file carry `awaiting_file`; housekeeping expires the old."""

    class Meta:
        index_name = "awaiting_file-created_at"
        projection = AllProjection()

    awaiting_file = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class ImportJobModel(Model):
    """One import (upload, ERP drop or bulk call) and its outcome; issues and error file live in S3."""

    class Meta(BaseMeta):
        table_name = TableName("imports")

    tenant_id = UnicodeAttribute(hash_key=True)
    import_id = UnicodeAttribute(range_key=True)  # starts with the UTC time: newest last in key order
    kind = UnicodeAttribute()
    source = UnicodeAttribute()  # "upload", "drop" or "api"
    filename = UnicodeAttribute()
    object_key = UnicodeAttribute(null=True)
    dry_run = BooleanAttribute(default=False)
    status = UnicodeAttribute()
    progress = NumberAttribute(default=0)
    counts = MapAttribute(default=dict)
    notices = ListAttribute(of=UnicodeAttribute, default=list)
    message = UnicodeAttribute(default="")
    errors_key = UnicodeAttribute(null=True)
    issues_key = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=0)
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    awaiting_file = UnicodeAttribute(null=True)  # "upload" while waiting_upload, else absent (sparse index)

    awaiting_file_index = AwaitingFileIndex()


class LockModel(Model):
    """Leases (one import per tenant at a time) and claims (an S3 event is handled once)."""

    class Meta(BaseMeta):
        table_name = TableName("locks")

    lock_id = UnicodeAttribute(hash_key=True)
    owner = UnicodeAttribute()
    expires_at = NumberAttribute()
    ttl = TTLAttribute(null=True)


class GuardModel(Model):
    """Guards in the locks table: who holds a licence number, counted sign-in failures, the SMS send slot,
    a tenant's active API keys. Each is changed only by conditional writes (adapters/guards.py)."""

    class Meta(BaseMeta):
        table_name = TableName("locks")

    lock_id = UnicodeAttribute(hash_key=True)  # "<kind>#<key>"
    owner = UnicodeAttribute(null=True)
    tally = NumberAttribute(null=True)
    until = NumberAttribute(null=True)  # epoch seconds
    ttl = TTLAttribute(null=True)


class TenantKeyIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "tenant_id-created_at"
        projection = AllProjection()

    tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class ApiKeyModel(Model):
    """A tenant's bulk API key, found by the SHA-256 of the key itself (the key is never stored)."""

    class Meta(BaseMeta):
        table_name = TableName("api_keys")

    key_hash = UnicodeAttribute(hash_key=True)
    key_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    prefix = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    last_used_at = UnicodeAttribute(null=True)
    revoked_at = UnicodeAttribute(null=True)

    tenant_index = TenantKeyIndex()


class PendingClassUpdateIndex(GlobalSecondaryIndex):
    """Sparse: only analyses whose class update waits for the worker carry `class_update_pending`."""

    class Meta:
        index_name = "class_update_pending-pending_since"
        projection = AllProjection()

    class_update_pending = UnicodeAttribute(hash_key=True)
    pending_since = UnicodeAttribute(range_key=True)


class AnalysisModel(Model):
    """An RFM analysis header (a preview for a day, or a saved snapshot); per-customer results live in S3."""

    class Meta(BaseMeta):
        table_name = TableName("analyses")

    tenant_id = UnicodeAttribute(hash_key=True)
    analysis_id = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()  # "manual" or "monthly"
    status = UnicodeAttribute()  # "preview" or "saved"
    start = UnicodeAttribute()
    end = UnicodeAttribute()
    m_mode = UnicodeAttribute()
    threshold = UnicodeAttribute()
    summary = UnicodeAttribute()  # JSON: thresholds, classes, grid and counts, as the engine gave them
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    saved_at = UnicodeAttribute(null=True)
    pinned_at = UnicodeAttribute(null=True)  # set by 设为当前分类 (domain/rfm/in_force.py)
    class_update = MapAttribute(null=True)  # {status, changed}
    ttl = TTLAttribute(null=True)  # previews expire
    # "pending" (and since when) while class_update is pending: housekeeping re-queues the stuck ones
    class_update_pending = UnicodeAttribute(null=True)
    pending_since = UnicodeAttribute(null=True)

    pending_class_update_index = PendingClassUpdateIndex()


class PlanStatusIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "status-created_at"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class PlanAuthorIndex(GlobalSecondaryIndex):
    """Sparse: only plans a tenant submitted carry `author_tenant_id`."""

    class Meta:
        index_name = "author_tenant_id-created_at"
        projection = AllProjection()

    author_tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class PlanModel(Model):
    """A marketing plan: a platform plan, or a tenant's submission and its review."""

    class Meta(BaseMeta):
        table_name = TableName("plans")

    plan_id = UnicodeAttribute(hash_key=True)
    status = UnicodeAttribute()  # domain/plans/status.py
    author_kind = UnicodeAttribute()  # "platform" or "tenant"
    author_tenant_id = UnicodeAttribute(null=True)
    author_name = UnicodeAttribute()
    created_by = UnicodeAttribute()
    name = UnicodeAttribute()
    industry = UnicodeAttribute()
    event = UnicodeAttribute()
    target_classes = ListAttribute(of=UnicodeAttribute)
    summary = UnicodeAttribute()
    description = UnicodeAttribute(null=True)
    sms_text = UnicodeAttribute()
    shared = BooleanAttribute(default=True)
    price_fen = NumberAttribute(default=0)
    attachment_key = UnicodeAttribute(null=True)  # the .docx in the data bucket
    attachment_name = UnicodeAttribute(null=True)
    attachment_html_key = UnicodeAttribute(null=True)  # its sanitised rendering, beside it
    reject_reason = UnicodeAttribute(null=True)
    reviewed_at = UnicodeAttribute(null=True)
    reviewed_by = UnicodeAttribute(null=True)
    views = NumberAttribute(default=0)
    downloads = NumberAttribute(default=0)
    uses = NumberAttribute(default=0)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()

    status_index = PlanStatusIndex()
    author_index = PlanAuthorIndex()


class PlanUsageModel(Model):
    """One tenant's view, download or campaign use of a plan on one day (China time): at most one item each."""

    class Meta(BaseMeta):
        table_name = TableName("plan_usage")

    plan_id = UnicodeAttribute(hash_key=True)
    usage_key = UnicodeAttribute(range_key=True)  # "<day>#<tenant_id>#<kind>"
    tenant_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    day = UnicodeAttribute()
    at = UnicodeAttribute()


class DictionaryModel(Model):
    """An admin-edited pick list (events, industries), stored whole as JSON."""

    class Meta(BaseMeta):
        table_name = TableName("dictionaries")

    name = UnicodeAttribute(hash_key=True)
    items = UnicodeAttribute()  # JSON list
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()


class FollowUpDueIndex(GlobalSecondaryIndex):
    """Sparse: only each customer's newest follow-up, when it names a next date, carries `due_date`."""

    class Meta:
        index_name = "tenant_id-due_date"
        projection = AllProjection()

    tenant_id = UnicodeAttribute(hash_key=True)
    due_date = UnicodeAttribute(range_key=True)


class FollowUpModel(Model):
    """跟进记录: one contact with a customer (phone call, visit, SMS, WeChat) and when to follow up next."""

    class Meta(BaseMeta):
        table_name = TableName("follow_ups")

    tenant_id = UnicodeAttribute(hash_key=True)
    entry_key = UnicodeAttribute(range_key=True)  # "<customer_code>#<created_at>#<random>": a customer's, oldest first
    customer_code = UnicodeAttribute()
    followed_at = UnicodeAttribute()  # YYYY-MM-DD (China date)
    way = UnicodeAttribute()
    content = UnicodeAttribute()
    next_date = UnicodeAttribute(null=True)
    due_date = UnicodeAttribute(null=True)  # = next_date while this is the customer's newest follow-up
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()

    due_index = FollowUpDueIndex()


class ConsentEventModel(Model):
    """Evidence of one SMS consent given or withdrawn (adapters/consent_log.py)."""

    class Meta(BaseMeta):
        table_name = TableName("consent_events")

    tenant_id = UnicodeAttribute(hash_key=True)
    event_key = UnicodeAttribute(range_key=True)  # "<customer_code>#<at>#<random>"
    customer_code = UnicodeAttribute()
    mobile = UnicodeAttribute(default="")
    sms_consent = BooleanAttribute()
    source = UnicodeAttribute()  # "import", "detail", "api" or "tags"
    source_ref = UnicodeAttribute(default="")  # import id or file name
    by = UnicodeAttribute(default="")
    at = UnicodeAttribute()


class ImportMappingModel(Model):
    """A tenant's column mapping for one import kind: field -> the header its files use (domain/column_mapping)."""

    class Meta(BaseMeta):
        table_name = TableName("import_mappings")

    tenant_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(range_key=True)  # "customers" or "orders"
    mapping = UnicodeAttribute()  # JSON object
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class SegmentModel(Model):
    """A saved 人群: its name and rule JSON (domain/segments); members are recomputed whenever it is used."""

    class Meta(BaseMeta):
        table_name = TableName("segments")

    tenant_id = UnicodeAttribute(hash_key=True)
    segment_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    rules = UnicodeAttribute()  # JSON, as the API took it
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


ALL_MODELS = (TenantModel, UserModel, ChallengeModel, AuditModel, CustomerModel, ImportJobModel, LockModel,
              GuardModel, ApiKeyModel, AnalysisModel, PlanModel, PlanUsageModel, DictionaryModel, FollowUpModel,
              ConsentEventModel, ImportMappingModel, SegmentModel)

from chalicelib.adapters.platform_models import PLATFORM_MODELS  # noqa: E402
from chalicelib.adapters.sms_models import SMS_MODELS  # noqa: E402  (they build on BaseMeta above)

ALL_MODELS += SMS_MODELS + PLATFORM_MODELS
