"""The OpenAPI 3.1 document of the API, built once per process from the routes' registry and their models."""
import functools
import re

from chalicelib.api.contracts import view_scan
from chalicelib.api.contracts.errors import Error
from chalicelib.api.operations import OPERATIONS, Operation
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE

TITLE = "精准营销云 API"
ANY_OBJECT = {"type": "object", "description": "JSON 对象（字段见说明）", "additionalProperties": True}
ERROR_LABELS = {400: "请求内容有误（details 逐项说明）", 401: "未登录或登录已失效", 403: "没有权限",
                404: "不存在", 413: "请求内容过大", "default": "其他错误（409 冲突、423 锁定、429 过于频繁等）"}
PATH_PARAMETER = re.compile(r"{(\w+)}")


@functools.cache
def document() -> dict:
    """The whole document (OPERATIONS is complete once app.py has registered every blueprint)."""
    components: dict = {}
    components["Error"] = _model_schema(Error, components)
    paths: dict = {}
    for operation in sorted(OPERATIONS, key=lambda op: op.path):
        for method in operation.methods:
            paths.setdefault(operation.path, {})[method.lower()] = _operation(operation, method, components)
    return {"openapi": "3.1.0",
            "info": {"title": TITLE, "version": "1.0",
                     "description": "由代码生成：每个路由的请求与应答模型。概念、流程与错误码见 docs/api.md。"},
            "paths": paths,
            "components": {"schemas": dict(sorted(components.items())), "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}}}


def _operation(operation: Operation, method: str, components: dict) -> dict:
    view = operation.view
    module = view.__module__.rsplit(".", 1)[-1]
    spec = {"operationId": f"{module}_{view.__name__}" + ("" if len(operation.methods) == 1 else f"_{method.lower()}"),
            "tags": [module], "summary": (view.__doc__ or "").strip().split("\n")[0] or view.__name__,
            "parameters": _parameters(operation),
            "responses": _responses(operation, components),
            "security": _security(operation)}
    if operation.roles is not None:
        spec["x-roles"] = sorted(set(operation.roles))
    if operation.request is not None:
        spec["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _schema(operation.request, components)}}}
    return spec


def _parameters(operation: Operation) -> list[dict]:
    path = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in PATH_PARAMETER.findall(operation.path)]
    query = {name: "string" for name in operation.query} | view_scan.query_parameters(operation.view)
    return path + [{"name": name, "in": "query", "required": False, "schema": {"type": kind}}
                   for name, kind in query.items()]


def _security(operation: Operation) -> list[dict]:
    if operation.api_key:
        return [{"apiKey": []}]
    return [] if operation.roles is None else [{"bearerAuth": []}]


def _responses(operation: Operation, components: dict) -> dict:
    answers = {str(status): _success(operation, components, status)
               for status in (operation.status, *operation.also) if status < 400}
    errors = [400, *([401, 403] if operation.roles is not None or operation.api_key else []),
              *([404] if "{" in operation.path else []), *([413] if operation.request is not None else []),
              *(status for status in operation.also if status >= 400), "default"]
    error = {"$ref": "#/components/schemas/Error"}
    for status in errors:
        answers[str(status)] = {"description": ERROR_LABELS.get(status, "错误"),
                                "content": {"application/json": {"schema": error}}}
    return answers


def _success(operation: Operation, components: dict, status: int) -> dict:
    """A workbook route answers its file with its own status; its other success (202: a job) is JSON."""
    if status == operation.status and view_scan.answers_workbook(operation.view):
        return {"description": "Excel 工作簿下载",
                "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}}
    schema = ANY_OBJECT if operation.response is None else _schema(operation.response, components)
    return {"description": "成功", "content": {"application/json": {"schema": schema}}}


def _schema(model, components: dict) -> dict:
    """A `$ref` to the model's schema in components (a plain JSON Schema dict is named by its title)."""
    name = model["title"] if isinstance(model, dict) else model.__name__
    if name not in components:
        components[name] = model if isinstance(model, dict) else _model_schema(model, components)
    return {"$ref": f"#/components/schemas/{name}"}


def _model_schema(model, components: dict) -> dict:
    """Validation mode: a field with a default may be absent (in requests and in answers alike)."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    return schema
