"""The rule JSON of a segment, checked and parsed: `{"all": [...]}` / `{"any": [...]}` groups, nested,
of conditions `{"field", "op", "value"}`.

Every problem is reported at once, each with the path of the part at fault (`all[1].any[0].value`),
so the rule builder can mark the very input to fix.
"""
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.segments.fields import FIELDS, OP_LABELS, check_value
from chalicelib.errors import ValidationFailed

MAX_DEPTH = 4  # groups inside groups, the outermost counting as 1
MAX_CONDITIONS = 50
KINDS = ("all", "any")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any  # as fields.check_value returns it: a number, text, tag list, Move …
    path: str  # where it sits in the JSON, for messages

    @property
    def label(self) -> str:
        return f"“{FIELDS[self.field].label} {OP_LABELS[self.op]}”"


@dataclass(frozen=True)
class Group:
    kind: str  # "all" (AND) or "any" (OR)
    items: tuple  # of Condition | Group


def parse_rules(document) -> Group:
    """The rule JSON as a Group; ValidationFailed listing every problem with its path."""
    problems: list[dict] = []
    counted = [0]
    group = _group(document, "", 1, problems, counted)
    if counted[0] > MAX_CONDITIONS:
        problems.append({"path": "", "message": f"条件太多（{counted[0]} 个），一个人群最多 {MAX_CONDITIONS} 个条件"})
    if problems or group is None:  # no group: problems say why
        raise ValidationFailed(f"人群条件有 {len(problems)} 处需要修改：{problems[0]['message']}", problems,
                               code="INVALID_RULES")
    return group


def _group(document, path: str, depth: int, problems: list, counted: list) -> Group | None:
    if not isinstance(document, dict) or len(document) != 1 or next(iter(document)) not in KINDS:
        problems.append({"path": path, "message": "条件组应写成 {\"all\": [...]}（全部满足）或 {\"any\": [...]}（任一满足）"})
        return None
    kind, items = next(iter(document.items()))
    if not isinstance(items, list):
        problems.append({"path": _join(path, kind), "message": "条件组的内容应是条件列表"})
        return None
    if depth > MAX_DEPTH:
        problems.append({"path": path, "message": f"条件组最多嵌套 {MAX_DEPTH} 层"})
        return None
    parsed: list[Condition | Group | None] = []
    for index, item in enumerate(items):
        where = f"{_join(path, kind)}[{index}]"
        if isinstance(item, dict) and "field" in item:
            counted[0] += 1
            parsed.append(_condition(item, where, problems))
        else:
            parsed.append(_group(item, where, depth + 1, problems, counted))
    return Group(kind, tuple(parsed))


def _condition(item: dict, path: str, problems: list) -> Condition | None:
    field_name, op = item.get("field"), str(item.get("op") or "")
    field = FIELDS.get(field_name) if isinstance(field_name, str) else None
    if field is None:
        problems.append({"path": f"{path}.field", "message": f"不认识的条件字段：{field_name}"})
        return None
    if op not in field.ops:
        allowed = "、".join(f"{OP_LABELS[o]}（{o}）" for o in field.ops)
        problems.append({"path": f"{path}.op", "message": f"{field.label}只能用：{allowed}"})
        return None
    try:
        value = check_value(field, op, item.get("value"))
    except ValueError as reason:
        problems.append({"path": f"{path}.value", "message": f"{field.label}：{reason}"})
        return None
    return Condition(str(field_name), op, value, path)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def conditions(group: Group):
    """Every condition of the rules, depth first."""
    for item in group.items:
        if isinstance(item, Group):
            yield from conditions(item)
        else:
            yield item
