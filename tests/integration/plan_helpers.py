"""Building blocks for plan journeys: a plan form, a .docx uploaded as the browser would, the seeded library."""
import io

from chalicelib import config
from chalicelib.adapters.aws import client

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plan_form(**overrides) -> dict:
    form = {"name": "社区会员日回访计划", "industry": "医药", "event": "会员日", "target_classes": ["重要挽留客户"],
            "summary": "会员日前电话加短信邀请久未到店的老会员回店体验免费测血压。",
            "description": "第一步：筛选 90 天未到店的会员。\n第二步：会员日前一天发送短信邀约。",
            "sms_text": "{name}您好，本周六会员日到店可免费测血压，非处方商品享会员价，欢迎回店看看。",
            "shared": True, "price_yuan": 0, "attachment_key": ""}
    form.update(overrides)
    return form


def simple_docx(title: str = "会员日回访计划", paragraph: str = "目标：请久未到店的会员回店。") -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload_attachment(api, token: str, data: bytes, filename: str = "会员日方案.docx", admin: bool = False) -> str:
    """Ask for the presigned POST, then put the bytes where it points (moto does not check the policy)."""
    path = "/api/admin/plans/attachment-upload" if admin else "/api/plans/attachment-upload"
    answer = api.post(path, {"filename": filename, "size": max(len(data), 1)}, token=token)
    assert answer.status_code == 200, answer.data
    assert answer.data["upload"]["fields"]["Content-Type"] == DOCX_TYPE
    key = answer.data["key"]
    client("s3").put_object(Bucket=config.upload_bucket(), Key=key, Body=data, ContentType=DOCX_TYPE)
    return key


def seed_plan_library() -> int:
    """The platform library, as on first start (documents built once: local/plan_library_cache.py)."""
    from chalicelib.services.plans.library_seed import seed_library
    from local.plan_library_cache import document_of

    return seed_library(document_of)
