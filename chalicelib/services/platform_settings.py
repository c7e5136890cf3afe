"""Platform-wide settings edited in 字典 by the admin: fee plans and prices, the SMS unit price, default limits,
the platform's contact number (issue 13 contract; the dictionaries work stores them, these are the defaults)."""

FEE_PLANS = [
    {"code": "trial", "name": "试用", "price_yuan": 0, "months": 1, "customer_limit": 5000, "sms_per_month": 500},
    {"code": "standard", "name": "标准版", "price_yuan": 3600, "months": 12, "customer_limit": 50000,
     "sms_per_month": 20000},
    {"code": "pro", "name": "专业版", "price_yuan": 9800, "months": 12, "customer_limit": 500000,
     "sms_per_month": 100000},
]
SETTINGS = {"contact_phone": "400-800-1234", "trial_days": 30, "grace_days": 7, "remind_days": [15, 5],
            "sms_price_li": 55, "sms_daily_cap": 20000, "sms_monthly_cap": 300000, "staff_digest_mobiles": []}


def settings() -> dict:
    return dict(SETTINGS)


def fee_plans() -> list[dict]:
    return [dict(plan) for plan in FEE_PLANS]


def fee_plan(code: str | None) -> dict | None:
    return next((plan for plan in fee_plans() if plan["code"] == code), None)
