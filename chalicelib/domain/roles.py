"""Roles and which of them may do what."""
TENANT_USER = "tenant_user"
ADMIN = "admin"
CUSTOMER_SERVICE = "customer_service"
PLAN_REVIEWER = "plan_reviewer"

STAFF_ROLES = (ADMIN, CUSTOMER_SERVICE, PLAN_REVIEWER)
ROLE_LABELS = {ADMIN: "超级管理员", CUSTOMER_SERVICE: "客服", PLAN_REVIEWER: "方案审核员", TENANT_USER: "企业用户"}

# Who may use each admin area.
TENANT_REVIEW = (ADMIN, CUSTOMER_SERVICE)
STAFF_MANAGEMENT = (ADMIN,)
ANY_STAFF = STAFF_ROLES
