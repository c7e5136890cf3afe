"""Bulk API: an ERP pushes JSON rows; same validation and result as a file import, run at once."""
import secrets

from chalicelib.adapters import import_jobs
from chalicelib.adapters.import_jobs import ImportJob
from chalicelib.clock import now_iso, time_id
from chalicelib.domain.import_job_status import QUEUED
from chalicelib.domain.import_spec import BULK_MAX_ROWS, KINDS
from chalicelib.domain.table_reader import rows_table
from chalicelib.errors import Conflict, NotFound, ValidationFailed
from chalicelib.services import api_keys
from chalicelib.services.billing import status as billing_status
from chalicelib.services.imports import mappings, runner, view
from chalicelib.services.imports.lease import ImportBusy, tenant_lease


def import_rows(api_key: str, kind: str, payload) -> dict:
    """Validate and store `payload["rows"]` for the key's tenant; returns the job with its issues."""
    tenant_id, key_name = api_keys.holder_of(api_key)
    billing_status.require_active(tenant_id, "通过接口导入数据")
    if kind not in KINDS:
        raise NotFound("接口不存在：请使用 /api/bulk/customers 或 /api/bulk/orders")
    rows = payload.get("rows") if isinstance(payload, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ValidationFailed('请求体应为 {"rows": [...]}，且至少包含一行')
    if len(rows) > BULK_MAX_ROWS:
        raise ValidationFailed(f"每次最多 {BULK_MAX_ROWS} 行，本次 {len(rows)} 行：请分批提交")
    job = ImportJob(tenant_id, time_id(secrets.token_hex(3)), kind=kind, source="api",
                    filename=f"接口导入（{len(rows)} 行）", status=QUEUED, created_by=f"API 密钥：{key_name}",
                    created_at=now_iso())
    import_jobs.create(job)
    try:
        with tenant_lease(tenant_id, job.import_id):
            runner.run(job, lambda: rows_table(rows, kind, mapping=mappings.mapping_of(tenant_id, kind)))
    except ImportBusy:
        runner.reject(job, "该企业有导入正在进行，本次提交未处理，请稍后重试")
        raise Conflict("该企业有导入正在进行，请稍后重试", [{"field": "retry_after", "message": "15"}],
                       code="IMPORT_BUSY") from None
    except Exception:
        import_jobs.move(job, "fail", finished_at=now_iso(), message="导入未能完成，未写入任何数据，请重试")
        raise
    return view.public(job, with_issues=True)
