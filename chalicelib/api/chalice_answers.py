"""Chalice's own refusals in our error shape: it answers a body that is not JSON (415) and a download asked for
without the Accept header a binary answer needs (400) itself, in English and as {"Code", "Message"}."""
from chalice import Blueprint, Response

bp = Blueprint(__name__)

MESSAGES = {
    "UnsupportedMediaType": ("UNSUPPORTED_MEDIA_TYPE", "请求体须为 JSON：请把请求头 Content-Type 设为 application/json"),
    "BadRequest": ("ACCEPT_REQUIRED", "下载文件须在请求头 Accept 中写明文件类型（或 */*）"),
}


@bp.middleware("http")
def in_our_shape(event, get_response):
    response = get_response(event)
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and body.get("Code") in MESSAGES:
        code, message = MESSAGES[body["Code"]]
        return Response({"code": code, "message": message, "details": []}, status_code=response.status_code,
                        headers=response.headers)
    return response
