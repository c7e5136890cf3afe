"""The 操作 filter of 审计日志 offers exactly the actions the code writes to the audit log."""
import ast
from pathlib import Path

from chalicelib.domain import tenant_status
from chalicelib.domain.audit_actions import ACTION_GROUPS
from chalicelib.domain.plans import status as plan_status

RECEIVERS = {"audit_log", "audit"}  # the audit log adapter, and the name services take it under
LABEL_MAPS = {*tenant_status.ACTION_LABELS.values(), *plan_status.AUDIT_ACTIONS.values()}  # actions written by key
CODE = Path(__file__).resolve().parents[2] / "chalicelib"
SOURCES = {path: ast.parse(path.read_text(encoding="utf-8")) for path in CODE.rglob("*.py")}


def _texts(node) -> list[str] | None:
    """The action strings an argument can be: a literal, or either side of `a if … else b`; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body), _texts(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _is_audit_write(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr in ("record", "record_tenant")
            and isinstance(func.value, ast.Name) and func.value.id in RECEIVERS)


def _wrappers() -> dict[str, int]:
    """Helpers that take an `action` parameter and write it: name -> the parameter's position."""
    found = {}
    for tree in SOURCES.values():
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef):
                names = [argument.arg for argument in function.args.args]
                if "action" in names and any(isinstance(n, ast.Call) and _is_audit_write(n) for n in ast.walk(function)):
                    found[function.name] = names.index("action")
    return found


def written_actions() -> tuple[set[str], list[str]]:
    """(every literal action written, where an action is not a literal)."""
    wrappers, actions, dynamic = _wrappers(), set(), []
    for path, tree in SOURCES.items():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            if _is_audit_write(call):
                position = 2
            elif isinstance(call.func, ast.Name) and call.func.id in wrappers:
                position = wrappers[call.func.id]
            else:
                continue
            if len(call.args) <= position:
                continue
            texts = _texts(call.args[position])
            if texts is None:
                dynamic.append(f"{path.name}:{ast.unparse(call.args[position])}")
            else:
                actions.update(texts)
    return actions, dynamic


def test_the_filter_lists_every_action_written_and_nothing_else():
    actions, _ = written_actions()
    offered = [action for _, group in ACTION_GROUPS for action in group]
    assert len(offered) == len(set(offered))
    assert set(offered) == actions | LABEL_MAPS


def test_the_only_actions_that_are_not_literals_come_from_the_label_maps_or_pass_through_a_helper():
    _, dynamic = written_actions()
    assert sorted(dynamic) == ["control.py:action", "curation.py:status.AUDIT_ACTIONS[action]", "report.py:action",
                               "review.py:ACTION_LABELS[action]"]
