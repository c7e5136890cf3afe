"""Platform-wide settings edited in 字典 by the admin: fee plans and prices, the SMS unit price, default limits,
the platform's contact number (issue 13 contract). Stored in the dictionaries table ("settings", "fee_plans");
until the admin saves them these defaults hold (the SMS price and caps default to the deployment's config)."""
from chalicelib import config
from chalicelib.adapters import dictionary_store, tenant_store

SETTINGS_NAME, FEE_PLANS_NAME = "settings", "fee_plans"
FEE_PLANS = [
    {"code": "trial", "name": "试用", "price_yuan": 0, "months": 1, "customer_limit": 5000, "sms_per_month": 500},
    {"code": "standard", "name": "标准版", "price_yuan": 3600, "months": 12, "customer_limit": 50000,
     "sms_per_month": 20000},
    {"code": "pro", "name": "专业版", "price_yuan": 9800, "months": 12, "customer_limit": 500000,
     "sms_per_month": 100000},
]
SETTINGS = {"contact_phone": "400-800-1234", "trial_days": 30, "grace_days": 7, "remind_days": [15, 5],
            "sms_price_li": 55, "sms_daily_cap": 20000, "sms_monthly_cap": 300000, "staff_digest_mobiles": []}


def defaults() -> dict:
    """The settings before the admin saved any: the SMS price and caps as the deployment configures them."""
    return {**SETTINGS, "sms_price_li": config.sms_price_li("marketing"), "sms_daily_cap": config.sms_daily_cap(),
            "sms_monthly_cap": config.sms_monthly_cap()}


def settings() -> dict:
    stored = dictionary_store.get(SETTINGS_NAME)
    return {**defaults(), **(stored if isinstance(stored, dict) else {})}


def fee_plans() -> list[dict]:
    stored = dictionary_store.get(FEE_PLANS_NAME)
    return [dict(plan) for plan in (stored if isinstance(stored, list) and stored else FEE_PLANS)]


def fee_plan(code: str | None) -> dict | None:
    return next((plan for plan in fee_plans() if plan["code"] == code), None)


def sms_price_li(kind: str = "marketing") -> int:
    """Price of one SMS part in 0.001 yuan: marketing from the settings, notices as configured."""
    return int(settings()["sms_price_li"]) if kind == "marketing" else config.sms_price_li(kind)


def sms_caps(tenant_settings: dict, fee_plan_code: str | None = None) -> tuple[int, int]:
    """(daily, monthly) message caps of a tenant: its own when the platform set them; else the daily default and
    the SMS per month of its fee plan (套餐与价格), or the platform's monthly default for a tenant without one.
    A default daily cap above the monthly one is held to it (a trial's 500 a month is also its most in a day)."""
    daily, monthly = tenant_settings.get("daily_cap"), tenant_settings.get("monthly_cap")
    if daily is not None and monthly is not None:
        return int(daily), int(monthly)
    platform = settings()
    plan = fee_plan(fee_plan_code) if fee_plan_code else None
    default_monthly = plan["sms_per_month"] if plan and plan.get("sms_per_month") else platform["sms_monthly_cap"]
    monthly = int(default_monthly if monthly is None else monthly)
    return min(int(platform["sms_daily_cap"] if daily is None else daily), monthly), monthly


def tenant_customer_limit(tenant_id: str) -> tuple[str, int]:
    """(fee plan name, customers it allows) of a stored tenant (one without a plan yet has the trial's); 0: no
    limit, for data with no tenant record (nothing is billed there)."""
    tenant = tenant_store.get(tenant_id)
    if tenant is None:
        return "", 0
    plan = fee_plan(tenant.fee_plan or "trial") or fee_plan("trial") or {}
    return plan.get("name", "试用"), int(plan.get("customer_limit") or 0)


def tenant_sms_caps(tenant_id: str, tenant_settings: dict) -> tuple[int, int]:
    """sms_caps() for a stored tenant (its fee plan read; a tenant not approved yet has the trial's)."""
    tenant = tenant_store.get(tenant_id)
    return sms_caps(tenant_settings, (tenant.fee_plan if tenant else None) or "trial")
