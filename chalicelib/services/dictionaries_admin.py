"""字典 as the admin edits them: events, industries, fee plans (套餐与价格) and platform settings (平台设置)."""
from chalicelib.adapters import audit_log, dictionary_store, tenant_store
from chalicelib.domain import audit_changes, platform_dictionaries
from chalicelib.errors import NotFound, ValidationFailed
from chalicelib.services import platform_settings
from chalicelib.services.plans import dictionaries

NAMES = ("events", "industries", "fee_plans", "settings")
SETTING_LABELS = {"contact_phone": "平台联系电话", "trial_days": "试用天数", "grace_days": "宽限天数",
                  "remind_days": "到期提醒天数", "sms_price_li": "营销短信单价（厘/条）",
                  "sms_daily_cap": "默认每日短信上限", "sms_monthly_cap": "默认每月短信上限",
                  "staff_digest_mobiles": "运营日报接收手机"}
PLAN_LABELS = {"name": "名称", "price_yuan": "价格（元）", "months": "时长（月）", "customer_limit": "客户数上限",
               "sms_per_month": "每月短信条数"}


def view(name: str) -> dict:
    """{"items": ...} of one dictionary (settings: an object, the others: a list)."""
    if name == "events":
        return dictionaries.events_view()
    if name == "industries":
        return dictionaries.industries_view()
    if name == "fee_plans":
        return {"items": platform_settings.fee_plans()}
    if name == "settings":
        return {"items": platform_settings.settings()}
    raise NotFound(f"没有名为 {name} 的字典（可选：{'、'.join(NAMES)}）")


def save(name: str, items, actor: str) -> dict:
    """Replace one dictionary after checking every entry; the change goes to the audit log as before → after."""
    if name == "events":
        return dictionaries.save_events(items, actor)
    if name == "industries":
        return dictionaries.save_industries(items, actor)
    if name == "fee_plans":
        return _save_fee_plans(items, actor)
    if name == "settings":
        return _save_settings(items, actor)
    raise NotFound(f"没有名为 {name} 的字典（可选：{'、'.join(NAMES)}）")


def _checked(check, *args):
    try:
        return check(*args)
    except ValueError as error:
        problems = error.args[0]
        raise ValidationFailed(problems[0]["message"] if len(problems) == 1 else "字典内容有误，请按提示修改",
                               problems) from None


def _save_fee_plans(items, actor: str) -> dict:
    before = platform_settings.fee_plans()
    plans = _checked(platform_dictionaries.check_fee_plans, items)
    removed = platform_dictionaries.removed_codes(before, plans)
    in_use = sorted({t.fee_plan for t in tenant_store.list_tenants(None) if t.fee_plan} & set(removed))
    if in_use:
        message = f"套餐 {'、'.join(in_use)} 正被企业使用，不能删除；请先为这些企业更换套餐"
        raise ValidationFailed(message, [{"field": "items", "message": message}])
    if plans == before:
        return view("fee_plans")  # saved as it was: nothing to store or audit
    dictionary_store.put(platform_settings.FEE_PLANS_NAME, plans, actor)
    audit_log.record("dictionary#fee_plans", actor, "修改套餐与价格", "、".join(p["name"] for p in plans),
                     changes=_plan_changes(before, plans))
    return view("fee_plans")


def _plan_changes(before: list[dict], after: list[dict]) -> list[dict]:
    old = {plan["code"]: plan for plan in before}
    changes = []
    for plan in after:
        if plan["code"] not in old:
            changes.append({"field": f"套餐 {plan['code']}", "before": "", "after": _plan_text(plan)})
            continue
        for change in audit_changes.diff(old[plan["code"]], plan, PLAN_LABELS):
            changes.append({**change, "field": f"{plan['name']}·{change['field']}"})
    new_codes = {plan["code"] for plan in after}
    changes += [{"field": f"套餐 {p['code']}", "before": _plan_text(p), "after": ""} for p in before
                if p["code"] not in new_codes]
    return changes


def _plan_text(plan: dict) -> str:
    return (f"{plan['name']}，{plan['price_yuan']} 元/{plan['months']} 个月，客户 {plan['customer_limit']}，"
            f"短信 {plan['sms_per_month']} 条/月")


def _save_settings(items, actor: str) -> dict:
    before = platform_settings.settings()
    checked = _checked(platform_dictionaries.check_settings, items, before)
    if checked == before:
        return view("settings")  # saved as it was: nothing to store or audit
    dictionary_store.put(platform_settings.SETTINGS_NAME, checked, actor)
    changes = audit_changes.diff(before, checked, SETTING_LABELS)
    audit_log.record("dictionary#settings", actor, "修改平台设置", "、".join(c["field"] for c in changes),
                     changes=changes)
    return view("settings")
