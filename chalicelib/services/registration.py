"""Tenant self-registration: the licence image upload and the registration itself."""
import re
import uuid

from chalicelib import config
from chalicelib.adapters import counters, objects, tenant_store
from chalicelib.adapters.guards import ClaimLost
from chalicelib.adapters.tenant_store import Tenant
from chalicelib.adapters.user_store import User
from chalicelib.clock import now_iso
from chalicelib.domain.roles import TENANT_USER
from chalicelib.domain.schemas import LicenseUploadRequest, RegisterRequest
from chalicelib.domain.tenant_status import PENDING
from chalicelib.errors import ValidationFailed
from chalicelib.services import license_claims, passwords, tenant_notices

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
LICENSE_PREFIX = "licenses/pending/"
_LICENSE_KEY = re.compile(r"licenses/pending/[0-9a-f]{32}\.(jpg|png|webp)")


def license_upload(request: LicenseUploadRequest) -> dict:
    """A presigned POST for one licence image of an allowed type and size."""
    limit = config.license_image_max_bytes()
    if request.content_type not in IMAGE_TYPES:
        raise ValidationFailed("营业执照图片只支持 JPG、PNG 或 WebP 格式",
                               [{"field": "content_type", "message": "请上传图片文件"}])
    if not 0 < request.size <= limit:
        raise ValidationFailed(f"营业执照图片不能超过 {limit // (1024 * 1024)} MB，请压缩后再上传",
                               [{"field": "size", "message": "图片过大"}])
    key = f"{LICENSE_PREFIX}{uuid.uuid4().hex}{IMAGE_TYPES[request.content_type]}"
    upload = objects.presigned_post(config.upload_bucket(), key, request.content_type, limit)
    return {"key": key, "upload": upload}


def register(request: RegisterRequest) -> dict:
    """Store a pending tenant and its login; staff review it before it can log in."""
    tenant_id = uuid.uuid4().hex
    stale = license_claims.stale_holder(request.license_no, tenant_id)
    if request.license_image_key:
        _check_license_image(request.license_image_key)
    now = now_iso("milliseconds")  # lists sort by it, newest first: two registrations can share a second
    tenant = Tenant(
        tenant_id=tenant_id, company_name=request.company_name, contact_name=request.contact_name,
        contact_phone=request.contact_phone, license_no=request.license_no,
        license_image_key=request.license_image_key or None, region=request.region, industry=request.industry,
        username=request.username, status=PENDING, created_at=now, updated_at=now,
    )
    user = User(
        username=request.username, user_id=uuid.uuid4().hex, account_type="tenant", role=TENANT_USER, tenant_id=tenant_id,
        display_name=request.contact_name, mobile=request.contact_phone,
        password_hash=passwords.hash_password(request.password), created_at=now,
    )
    claim = license_claims.claim_with_new_tenant(request.license_no, tenant_id, stale)
    try:
        tenant_store.create_with_user(tenant, user, claim)
    except ClaimLost:
        raise license_claims.taken() from None
    counters.count(tenant_id, {"tenants": 1})
    tenant_notices.new_registration(tenant_id, request.company_name)
    return {"tenant_id": tenant_id, "status": PENDING}


_MAGIC = {"image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG\r\n\x1a\n",), "image/webp": (b"RIFF",)}


def _check_license_image(key: str) -> None:
    problem = [{"field": "license_image_key", "message": "营业执照图片无效，请重新上传"}]
    if not _LICENSE_KEY.fullmatch(key):
        raise ValidationFailed("营业执照图片无效，请重新上传", problem)
    meta = objects.head(config.upload_bucket(), key)
    if meta is None:
        raise ValidationFailed("营业执照图片未上传成功，请重新上传", problem)
    content_type = meta.get("ContentType", "")
    start = objects.read_head_bytes(config.upload_bucket(), key)
    if not any(start.startswith(magic) for magic in _MAGIC.get(content_type, ())):
        raise ValidationFailed("上传的文件不是有效的图片，请上传营业执照的 JPG、PNG 或 WebP 图片", problem)
