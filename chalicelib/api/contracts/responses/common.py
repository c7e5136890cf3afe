"""The base of every answer model: fields without a default are always there; `extra="allow"`: a field added
later is not a breach of the contract."""
from pydantic import BaseModel, ConfigDict

Number = int | float | str  # money and counts; some lists send amounts as strings of yuan
Text = str | None


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(Shape):
    total: int
    page: int
    size: int


class Ok(Shape):
    ok: bool


class Items(Shape):
    """A list without paging whose entries are documented in docs/api.md."""
    items: list[dict]


class Upload(Shape):
    url: str
    fields: dict


class UploadTicket(Shape):
    """Where the browser POSTs a file: `upload.url` with every entry of `upload.fields`, then `file`."""
    key: str
    upload: Upload


class Deleted(Shape):
    deleted: bool


class LinkOrJob(Shape):
    """200: a presigned download `{url, filename, count}`; 202: a queued export job (poll GET /api/exports/{job_id})."""
    url: Text = None
    filename: Text = None
    count: int | None = None
    job_id: Text = None
    status: Text = None
    status_label: Text = None
    progress: int | None = None
    created_at: Text = None
    error: Text = None
