"""The API's own description: the OpenAPI document, public like the page that renders it."""
from chalice import Blueprint

from chalicelib.api import openapi
from chalicelib.api.http import route

bp = Blueprint(__name__)
DOCUMENT = {"title": "OpenApiDocument", "type": "object", "required": ["openapi", "paths"]}


@route(bp, "/api/openapi.json", response=DOCUMENT)
def openapi_document():
    """本 API 的 OpenAPI 3.1 文档（由代码生成）。"""
    return openapi.document()
