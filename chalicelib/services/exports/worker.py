"""The data-job worker's half of export jobs: build the file into the data bucket, reporting progress."""

from chalicelib import config
from chalicelib.adapters import data_job_store, objects
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.errors import AppError
from chalicelib.observability import logger
from chalicelib.services import customers
from chalicelib.services.analyses import report as analysis_report
from chalicelib.services.exports.jobs import KIND, detail_of
from chalicelib.services.segments import call_list


def run(tenant_id: str, job_id: str) -> None:
    """Build one queued export; a wrong request or a failure is recorded on the job (no retry)."""
    job = data_job_store.get(tenant_id, job_id)
    if job is None or job.kind != KIND or job.status not in ("queued", "running"):
        return
    request = detail_of(job)
    data_job_store.progress(job, 1)
    key = f"exports/{tenant_id}/{job_id}.xlsx"
    try:
        filename, count = BUILDERS[request["export"]](tenant_id, job.requested_by, request, key,
                                                      lambda percent: data_job_store.progress(job, percent))
    except AppError as error:
        _fail(job, request, error.message)
        return
    except Exception:  # noqa: BLE001 - the job says it failed; the log keeps why
        logger.exception("export job %s of tenant %s failed", job_id, tenant_id)
        _fail(job, request, "生成文件时出错，请稍后重新导出")
        return
    data_job_store.move(job, "done", ("queued", "running"), progress=100, result_key=key,
                        detail={**request, "filename": filename, "count": count})


def _fail(job, request: dict, message: str) -> None:
    data_job_store.move(job, "failed", ("queued", "running"), detail={**request, "error": message})


def _analysis(tenant_id: str, actor: str, request: dict, key: str, report) -> tuple[str, int | None]:
    workbook, filename = analysis_report.analysis_workbook(tenant_id, request["params"]["analysis_id"],
                                                           request["store"], actor)
    report(90)
    objects.write(config.data_bucket(), key, workbook, XLSX_CONTENT_TYPE)
    return filename, None


def _comparison(tenant_id: str, actor: str, request: dict, key: str, report) -> tuple[str, int | None]:
    params = request["params"]
    workbook, filename = analysis_report.comparison_workbook(tenant_id, params["from"], params["to"],
                                                             request["store"], actor)
    report(90)
    objects.write(config.data_bucket(), key, workbook, XLSX_CONTENT_TYPE)
    return filename, None


def _call_list(tenant_id: str, actor: str, request: dict, key: str, report) -> tuple[str, int]:
    params = request["params"]
    return call_list.write(tenant_id, actor, key, params["rules"], request["store"], request["mobile_visible"],
                           params["title"], report)


def _customers(tenant_id: str, actor: str, request: dict, key: str, report) -> tuple[str, int]:
    params = request["params"]
    return customers.write_export(tenant_id, actor, key, request["mobile_visible"], params["order"],
                                  report, **params["filters"])


BUILDERS = {"analysis": _analysis, "comparison": _comparison, "call_list": _call_list, "customers": _customers}
