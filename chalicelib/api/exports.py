"""Large exports as jobs: a job's progress and, when done, its link (the exports stay on their own routes)."""
from chalice import Blueprint, Response

from chalicelib.api.http import route, xlsx_response
from chalicelib.domain.roles import TENANT_EXPORT
from chalicelib.services.exports import jobs

bp = Blueprint(__name__)
_TEXT = {"type": ["string", "null"]}
JOB = {"title": "ExportJob", "type": "object",
       "required": ["job_id", "status", "status_label", "progress", "created_at", "filename", "count", "error", "url"],
       "properties": {"job_id": {"type": "string"}, "status": {"enum": ["queued", "running", "done", "failed"]},
                      "status_label": {"type": "string"}, "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                      "created_at": {"type": "string"}, "filename": _TEXT, "count": {"type": ["integer", "null"]},
                      "error": _TEXT, "url": _TEXT}}


def link_or_job(answer: dict) -> dict | Response:
    """An export's answer: the link as before (200), or a queued job to poll (202)."""
    return Response(answer, status_code=202) if "job_id" in answer else answer


def workbook_or_job(answer: dict | tuple[bytes, str], ascii_name: str) -> Response:
    """A workbook download (200), or a queued job to poll (202) when the workbook is too large for one answer."""
    return link_or_job(answer) if isinstance(answer, dict) else xlsx_response(*answer, ascii_name)


@route(bp, "/api/exports/{job_id}", roles=TENANT_EXPORT, response=JOB)
def export_job(job_id, caller):
    return jobs.status(caller.tenant_id, caller.username, job_id)
