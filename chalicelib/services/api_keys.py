"""Per-tenant API keys for the bulk API: shown once, stored as a SHA-256 hash, revocable."""
import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import api_key_store, audit_log, guards, tenant_store
from chalicelib.adapters.api_key_store import ApiKey
from chalicelib.clock import now_iso
from chalicelib.domain.fields import clean_text
from chalicelib.domain.tenant_status import APPROVED
from chalicelib.errors import Conflict, NotFound, Unauthorized, ValidationFailed

MAX_ACTIVE_KEYS = 5
KEY_PREFIX = "jzyx_"
FIELDS = ("key_id", "name", "prefix", "created_at", "created_by", "last_used_at", "revoked_at")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _view(key: ApiKey) -> dict:
    return {name: getattr(key, name) for name in FIELDS}


def list_keys(tenant_id: str, *, keys=api_key_store) -> dict:
    """The tenant's keys, newest first (never their text)."""
    return {"items": [_view(key) for key in keys.of_tenant(tenant_id)]}


def create(tenant_id: str, username: str, name: str, *, keys=api_key_store, locks=guards, audit=audit_log) -> dict:
    """A new key; the only time its full text is returned."""
    try:
        name = clean_text(name, "密钥名称", 30)
    except ValueError as error:
        raise ValidationFailed(str(error), [{"field": "name", "message": str(error)}]) from None
    _take_place(tenant_id, keys, locks)
    key_id = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    record = ApiKey(key_hash=_hash(key), key_id=key_id, tenant_id=tenant_id, name=name,
                    prefix=key[:len(KEY_PREFIX) + 8], created_at=now_iso(), created_by=username)
    try:
        keys.save(record)
    except Exception:
        locks.count_down(_counter(tenant_id))
        raise
    audit.record_tenant(tenant_id, username, "创建接口密钥", f"{name}（{record.prefix}…）")
    return {**_view(record), "key": key}


def _counter(tenant_id: str) -> str:
    return f"api-keys#{tenant_id}"


def _take_place(tenant_id: str, keys, locks) -> None:
    """Count the new key among the active ones atomically, so parallel requests cannot pass the cap together."""
    counter = _counter(tenant_id)
    if locks.read(counter) is None:  # a tenant whose keys were made before there was a counter
        locks.start_count(counter, sum(1 for key in keys.of_tenant(tenant_id) if not key.revoked_at))
    if locks.count_up(counter, MAX_ACTIVE_KEYS) is None:
        raise Conflict(f"最多可同时有 {MAX_ACTIVE_KEYS} 个有效密钥，请先吊销不用的密钥", code="TOO_MANY_KEYS")


def revoke(tenant_id: str, key_id: str, actor: str, *, keys=api_key_store, locks=guards, audit=audit_log) -> dict:
    """Revoke one of the tenant's keys (again: nothing changes)."""
    record = next((key for key in keys.of_tenant(tenant_id) if key.key_id == key_id), None)
    if record is None:
        raise NotFound("密钥不存在")
    if not record.revoked_at and keys.revoke(record, now_iso()):
        locks.count_down(_counter(tenant_id))  # only the call that revoked it frees its place
        audit.record_tenant(tenant_id, actor, "吊销接口密钥", f"{record.name}（{record.prefix}…）")
    return {"key_id": record.key_id, "revoked_at": record.revoked_at}


def tenant_of(key: str) -> str:
    """The tenant a presented key belongs to; Unauthorized for a wrong, revoked or inactive one."""
    return holder_of(key)[0]


def holder_of(key: str, *, keys=api_key_store, tenants=tenant_store) -> tuple[str, str]:
    """(tenant, the key's name) of a presented key; Unauthorized for a wrong, revoked or inactive one."""
    record = keys.by_hash(_hash(key)) if key and key.startswith(KEY_PREFIX) else None
    if record is None or record.revoked_at:
        raise Unauthorized("API 密钥无效或已吊销：请在“数据对接”页面创建新密钥", code="BAD_API_KEY")
    tenant = tenants.get(record.tenant_id)
    if tenant is None or tenant.status != APPROVED:
        raise Unauthorized("企业账号当前不可用，API 密钥已停用", code="BAD_API_KEY")
    _note_use(record, keys)
    return record.tenant_id, record.name


def _note_use(record: ApiKey, keys) -> None:
    now = datetime.now(timezone.utc)
    if not record.last_used_at or datetime.fromisoformat(record.last_used_at) < now - timedelta(minutes=1):
        keys.note_use(record, now.isoformat(timespec="seconds"))
