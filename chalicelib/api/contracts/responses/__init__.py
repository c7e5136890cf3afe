"""Answer models of every JSON operation, one module per area (re-exported here: `responses.<Model>`)."""
from chalicelib.api.contracts.responses.common import (  # noqa: F401
    Number, Text, Shape, Page, Ok, Items, Upload, UploadTicket, Deleted, LinkOrJob,
)
from chalicelib.api.contracts.responses.account import (  # noqa: F401
    Region, TenantItem, TenantsPage, TenantResponse, TenantDetail, ProfileUpdated, MeResponse, Meta, Registered,
    Challenge, Session, PasswordChanged, Account, AccountsList, AccountResponse, StaffMember, StaffList,
    StaffResponse, TenantCounts, Overview,
)
from chalicelib.api.contracts.responses.customers import (  # noqa: F401
    CustomerItem, CustomersPage, CustomerDetailResponse, CustomerEdited, OrderItem, OrdersPage, FollowUp,
    FollowUps, DueFollowUp, DueFollowUps, ClassCount, Distribution, ApiKey, ApiKeys, ApiKeyCreated, ApiKeyRevoked,
    Integration,
)
from chalicelib.api.contracts.responses.imports import (  # noqa: F401
    ImportItem, ImportsPage, ImportStarted, MappingField, ImportMapping,
)
from chalicelib.api.contracts.responses.analyses import (  # noqa: F401
    Analysis, AnalysesPage, AnalysisDeleted, AnalysisCustomer, AnalysisCustomersPage, Check, Explanation, Mover,
    Comparison, MoversPage, Dashboard,
)
from chalicelib.api.contracts.responses.segments import (  # noqa: F401
    Segment, SegmentsResponse, SegmentCount, SegmentDeleted, MembersPage, TagChange, Store, StoresList, StoreAdded,
)
from chalicelib.api.contracts.responses.campaigns import (  # noqa: F401
    CampaignCounts, Campaign, CampaignsPage, CampaignCreated, CampaignState, CampaignPreview, Message,
    MessagesPage, CampaignReport, CustomerMessage, CustomerMessages,
)
from chalicelib.api.contracts.responses.sms import (  # noqa: F401
    SmsCaps, SmsSettings, Template, Templates, TemplateDeleted, TemplateCheck, ContentRule, ContentRules, OptOut,
    OptOutsPage, OptOutAdded, OptOutEvent, OptOutHistory, BulkOptOuts, CallbackAck,
)
from chalicelib.api.contracts.responses.plans import (  # noqa: F401
    PlanItem, PlansPage, PlansList, PlanDetail, PlanResponse, PlanSubmitted, PlanOptions, PlanSuggestions,
    PlanDownload, PlanUsage,
)
from chalicelib.api.contracts.responses.billing import (  # noqa: F401
    Billing, Payment, FeePlan, MyBillingResponse, BillingResponse, TenantPayments, PaymentRecorded, FeeRow,
    FeeList,
)
from chalicelib.api.contracts.responses.platform import (  # noqa: F401
    Notification, Inbox, Unread, PlatformStats, DataRow, DataPage, DataJob, TenantData, DataJobResponse,
    DeletionResponse, Dictionary, AuditEntry, AuditPage,
)
