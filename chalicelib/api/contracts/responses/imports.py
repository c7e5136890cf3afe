"""Imports: jobs, their history, column mappings and the bulk API's answer."""
from chalicelib.api.contracts.responses.common import Page, Shape, Text, Upload


class ImportItem(Shape):
    import_id: str
    kind: str
    status: str
    status_label: Text = None
    source: Text = None
    filename: Text = None
    dry_run: bool | None = None
    progress: int | None = None
    counts: dict | None = None
    notices: list[str] | None = None
    message: Text = None
    errors_url: Text = None
    created_by: Text = None
    created_at: Text = None
    finished_at: Text = None
    can_rollback: bool | None = None
    can_retry: bool | None = None
    errors: list | None = None
    warnings: list | None = None
    skipped: list | None = None
    missing_columns: dict | None = None


class ImportsPage(Page):
    items: list[ImportItem]


class ImportStarted(Shape):
    import_id: str
    upload: Upload
    max_bytes: int


class MappingField(Shape):
    field: str
    header: Text = None
    required: bool | None = None


class ImportMapping(Shape):
    kind: str
    mapping: dict[str, str]
    fields: list[MappingField]
    updated_by: Text = None
    updated_at: Text = None
