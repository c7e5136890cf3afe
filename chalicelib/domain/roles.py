"""Roles and which of them may do what."""
TENANT_USER = "tenant_user"  # the enterprise's administrator (企业管理员): the account that registered it
STORE_MANAGER = "store_manager"  # a sub-account limited to one store (店长)
READ_ONLY = "tenant_readonly"  # a sub-account that may look but not change or export (只读)
ADMIN = "admin"
CUSTOMER_SERVICE = "customer_service"
PLAN_REVIEWER = "plan_reviewer"

STAFF_ROLES = (ADMIN, CUSTOMER_SERVICE, PLAN_REVIEWER)
TENANT_ROLES = (TENANT_USER, STORE_MANAGER, READ_ONLY)
SUB_ACCOUNT_ROLES = (STORE_MANAGER, READ_ONLY)
ROLE_LABELS = {ADMIN: "超级管理员", CUSTOMER_SERVICE: "客服", PLAN_REVIEWER: "方案审核员",
               TENANT_USER: "企业管理员", STORE_MANAGER: "店长", READ_ONLY: "只读"}

# Who may use each admin area.
TENANT_REVIEW = (ADMIN, CUSTOMER_SERVICE)
STAFF_MANAGEMENT = (ADMIN,)
PLAN_REVIEW = (ADMIN, PLAN_REVIEWER)
DICTIONARIES = (ADMIN,)
ANY_STAFF = STAFF_ROLES
BILLING_VIEW = (ADMIN, CUSTOMER_SERVICE)  # fee lists, a tenant's payments, recording a payment, the export
BILLING_ADMIN = (ADMIN,)  # a tenant's fee plan, voiding a payment, the fee-plan dictionary
DATA_VIEW = (ADMIN, CUSTOMER_SERVICE)  # what a tenant stores and uses
DATA_ADMIN = (ADMIN,)  # exporting and deleting a tenant's data
AUDIT = (ADMIN,)

# Who may do what inside a tenant.
TENANT_READ = TENANT_ROLES  # pages, lists, segment counts
TENANT_EXPORT = (TENANT_USER, STORE_MANAGER)  # exports, call lists
TENANT_EDIT = (TENANT_USER, STORE_MANAGER)  # tags, follow-ups, consent changes, saving segments
TENANT_ADMIN = (TENANT_USER,)  # imports, analyses, plans, api keys, accounts, the enterprise profile


def sees_mobiles(role: str, show_mobile: bool) -> bool:
    """Whether lists show this account full mobiles: staff and the 企业管理员 always, a 店长 as set, 只读 never."""
    if role == READ_ONLY:
        return False
    return bool(show_mobile) if role == STORE_MANAGER else True


TENANT_PERMISSIONS = {"read": TENANT_READ, "export": TENANT_EXPORT, "edit": TENANT_EDIT, "admin": TENANT_ADMIN}


def permissions(role: str) -> list[str]:
    """What a tenant login may do, for the frontend to hide the rest ("read", "export", "edit", "admin")."""
    return [name for name, roles in TENANT_PERMISSIONS.items() if role in roles]
