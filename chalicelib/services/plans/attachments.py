"""Plan attachments: a presigned POST for the .docx, then validation and rendering before a plan may use it."""
import re
import uuid
from typing import NoReturn

from chalicelib import config
from chalicelib.adapters import objects
from chalicelib.adapters.bucket_io import BucketIO
from chalicelib.domain.docx_check import MAX_DOCX_BYTES, check_docx
from chalicelib.domain.docx_html import to_html
from chalicelib.domain.plans.schemas import AttachmentUploadRequest
from chalicelib.errors import ValidationFailed

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PENDING_PREFIX = "plan-attachments/"
FIELD = "attachment_key"
_UNSAFE_IN_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")


def upload(owner: str, request: AttachmentUploadRequest) -> dict:
    """A presigned POST for one .docx of at most 10 MB, under the owner's (tenant's or the platform's) prefix."""
    if not 0 < request.size <= MAX_DOCX_BYTES:
        message = ("附件是空文件，请选择要上传的 Word 文档" if request.size <= 0
                   else "附件不能超过 10 MB，请压缩图片或拆分文档后再上传")
        raise ValidationFailed(message, [{"field": "attachment", "message": message}])
    name = _UNSAFE_IN_NAME.sub("_", request.filename)
    key = f"{PENDING_PREFIX}{owner}/{uuid.uuid4().hex}/{name}"
    return {"key": key, "upload": objects.presigned_post(config.upload_bucket(), key, DOCX_CONTENT_TYPE, MAX_DOCX_BYTES)}


def accept(owner: str, key: str, plan_id: str) -> dict:
    """Validate the uploaded .docx, keep it and its HTML beside the plan: the plan's attachment fields."""
    match = re.fullmatch(rf"{PENDING_PREFIX}{re.escape(owner)}/([0-9a-f]{{32}})/([^/]{{1,200}})", key)
    if not match:
        _refuse("附件无效，请重新上传")
    head = objects.head(config.upload_bucket(), key)
    if head is None:
        _refuse("附件还没有上传完成或已过期，请重新上传")
    if head["ContentLength"] > MAX_DOCX_BYTES:
        _refuse("附件不能超过 10 MB，请压缩图片或拆分文档后再上传")
    data = objects.read(config.upload_bucket(), key)
    try:
        check_docx(data)
        html = to_html(data)
    except ValidationFailed as error:
        _refuse(error.message)
    return _keep(plan_id, match.group(1), match.group(2), data, html)


def store_supplied(plan_id: str, name: str, data: bytes, html: str, version: str) -> dict:
    """Keep a document the platform supplies itself (the seeded library): checked with `check_docx` and rendered
    with `to_html` as an upload is, by whoever supplies it (local/plan_library_cache.py)."""
    return _keep(plan_id, version, name, data, html)


def _keep(plan_id: str, version: str, name: str, data: bytes, html: str) -> dict:
    stored = f"plans/{plan_id}/{version}"
    BucketIO(config.data_bucket()).put_many({f"{stored}.docx": data, f"{stored}.html": html.encode("utf-8")})
    return {"attachment_key": f"{stored}.docx", "attachment_name": name, "attachment_html_key": f"{stored}.html"}


def html_of(plan: dict) -> str:
    key = plan.get("attachment_html_key")
    body = BucketIO(config.data_bucket()).get(key) if key else None
    return body.decode("utf-8") if body else ""


def download_url(plan: dict) -> str:
    return objects.presigned_get(config.data_bucket(), plan["attachment_key"], filename=plan.get("attachment_name"))


def _refuse(message: str) -> NoReturn:
    raise ValidationFailed(message, [{"field": FIELD, "message": message}])
