"""What a view's code reads from the request, found in its source (query parameters, body, workbook answers)."""
import ast
import functools
import inspect
import textwrap

QUERY_READERS = {"query": "string", "query_int": "integer", "query_flag": "boolean"}
BODY_READERS = ("body", "json_body")


@functools.cache
def _tree(function) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function))))


def _calls(function, depth: int = 1) -> list[ast.Call]:
    """Calls in the view and, `depth` levels down, in the project helpers it calls (e.g. `store_of`)."""
    calls = [node for node in ast.walk(_tree(function)) if isinstance(node, ast.Call)]
    if depth:
        for helper in _helpers(function, calls):
            calls += _calls(helper, depth - 1)
    return calls


def _helpers(function, calls: list[ast.Call]) -> list:
    names = {call.func.id for call in calls if isinstance(call.func, ast.Name)}
    found = [inspect.unwrap(function).__globals__.get(name) for name in sorted(names)]
    return [helper for helper in found if inspect.isfunction(helper) and helper.__module__.startswith("chalicelib.api")
            and helper.__name__ not in (*QUERY_READERS, *BODY_READERS)]


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def query_parameters(view) -> dict[str, str]:
    """{name: JSON type} of the query parameters the view reads with `query`, `query_int` or `query_flag`."""
    found = {}
    for call in _calls(view):
        kind = QUERY_READERS.get(_name(call))
        if kind and len(call.args) > 1 and isinstance(call.args[1], ast.Constant):
            found.setdefault(call.args[1].value, kind)
    return found


def reads_body(view) -> bool:
    """Whether the view (or a helper of its module) reads the request body."""
    return any(_name(call) in BODY_READERS for call in _calls(view))


def answers_workbook(view) -> bool:
    """Whether the view answers with an .xlsx download."""
    return any(_name(call) == "xlsx_response" for call in _calls(view))
