"""The event and industry pick lists: the admin's saved lists, or the defaults until one is saved."""
from chalicelib.adapters import audit_log, dictionary_store
from chalicelib.domain import calendar_events
from chalicelib.domain.calendar_events import ALL_INDUSTRIES, DEFAULT_EVENTS, DEFAULT_INDUSTRIES, EventRule
from chalicelib.domain.fields import clean_text
from chalicelib.domain.rfm_classes import CLASS_NAMES
from chalicelib.errors import ValidationFailed

EVENTS, INDUSTRIES = "events", "industries"
MAX_INDUSTRIES = 50


def events() -> list[EventRule]:
    stored = dictionary_store.get(EVENTS)
    return calendar_events.parse_rules(stored) if stored is not None else list(DEFAULT_EVENTS)


def industries() -> list[str]:
    stored = dictionary_store.get(INDUSTRIES)
    return stored if stored is not None else list(DEFAULT_INDUSTRIES)


def check_industry(industry: str, current: str | None = None) -> None:
    """A tenant's industry comes from the dictionary (a tenant keeps one the admin has since removed)."""
    allowed = industries()
    if industry != current and industry not in allowed:
        message = f"请选择所属行业（可选：{'、'.join(allowed)}）"
        raise ValidationFailed(message, [{"field": "industry", "message": message}])


def options() -> dict:
    """What plan forms and filters offer."""
    return {"events": [rule.name for rule in events()], "industries": industries(), "classes": list(CLASS_NAMES),
            "all_industries": ALL_INDUSTRIES}


def events_view() -> dict:
    return {"items": [calendar_events.rule_dict(rule) for rule in events()]}


def industries_view() -> dict:
    return {"items": industries()}


def save_events(items, actor: str) -> dict:
    rules = calendar_events.parse_rules(_list(items))
    if [calendar_events.rule_dict(rule) for rule in rules] == [calendar_events.rule_dict(rule) for rule in events()]:
        return events_view()  # saved as it was: nothing to store or audit
    before = {rule.name: calendar_events.rule_text(rule) for rule in events()}
    dictionary_store.put(EVENTS, [calendar_events.rule_dict(rule) for rule in rules], actor)
    after = {rule.name: calendar_events.rule_text(rule) for rule in rules}
    changes = [{"field": f"活动“{name}”", "before": before.get(name, ""), "after": after.get(name, "")}
               for name in dict.fromkeys([*before, *after]) if before.get(name) != after.get(name)]
    audit_log.record("dictionary#events", actor, "修改活动字典", "、".join(after), changes=changes)
    return events_view()


def save_industries(items, actor: str) -> dict:
    names = _industry_names(_list(items))
    before = industries()
    if names == before:
        return industries_view()  # saved as it was: nothing to store or audit
    dictionary_store.put(INDUSTRIES, names, actor)
    added, removed = [n for n in names if n not in before], [n for n in before if n not in names]
    changes = [{"field": "新增行业", "before": "", "after": "、".join(added)}] if added else []
    changes += [{"field": "删除行业", "before": "、".join(removed), "after": ""}] if removed else []
    if not changes and names != before:
        changes = [{"field": "行业顺序", "before": "、".join(before), "after": "、".join(names)}]
    audit_log.record("dictionary#industries", actor, "修改行业字典", "、".join(names), changes=changes)
    return industries_view()


def _list(items) -> list:
    if not isinstance(items, list):
        raise ValidationFailed("字典内容应为列表", [{"field": "items", "message": "请提交字典条目列表"}])
    return items


def _industry_names(items: list) -> list[str]:
    problems, names = [], []
    for index, item in enumerate(items):
        field = f"items[{index}]"
        try:
            name = clean_text(item if isinstance(item, str) else "", "行业名称", 20)
        except ValueError as error:
            problems.append({"field": field, "message": str(error)})
            continue
        if name in names or name == ALL_INDUSTRIES:
            problems.append({"field": field, "message": f"行业“{name}”重复或为保留名称"})
        names.append(name)
    if not names:
        problems.append({"field": "items", "message": "请至少保留一个行业"})
    if len(names) > MAX_INDUSTRIES:
        problems.append({"field": "items", "message": f"行业最多 {MAX_INDUSTRIES} 个"})
    if problems:
        raise ValidationFailed("行业字典有误，请按提示修改", problems)
    return names
