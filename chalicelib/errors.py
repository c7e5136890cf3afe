"""Domain exceptions; each maps to one HTTP status at the edge (chalicelib/api/http.py)."""


class AppError(Exception):
    status = 400
    code = "BAD_REQUEST"

    def __init__(self, message: str, details: list | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []
        if code:
            self.code = code

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "details": self.details}


class BadRequest(AppError):
    """A body that cannot be read at all (a provider callback that is not the agreed JSON)."""

    status = 400
    code = "BAD_REQUEST"


class ValidationFailed(AppError):
    status = 400
    code = "VALIDATION_FAILED"


class Unauthorized(AppError):
    status = 401
    code = "UNAUTHORIZED"


class Forbidden(AppError):
    status = 403
    code = "FORBIDDEN"


class NotFound(AppError):
    status = 404
    code = "NOT_FOUND"


class Conflict(AppError):
    status = 409
    code = "CONFLICT"


class PayloadTooLarge(AppError):
    status = 413
    code = "PAYLOAD_TOO_LARGE"


class Unprocessable(AppError):
    """A well-formed request that the data cannot answer (an analysis of a window without purchases)."""

    status = 422
    code = "UNPROCESSABLE"


class Locked(AppError):
    status = 423
    code = "ACCOUNT_LOCKED"


class TooManyRequests(AppError):
    status = 429
    code = "TOO_MANY_REQUESTS"


class FileRejected(ValidationFailed):
    """An import file that cannot be read at all (wrong type, too big, no usable header...)."""

    code = "FILE_REJECTED"


class AttachmentRejected(ValidationFailed):
    """A plan attachment that is not a plain, safe Word document (renamed file, macros, zip bomb, links out...)."""


class MissingColumns(FileRejected):
    """An import file without some required column: carries the file's own headers, so the page can offer a
    column mapping (domain/column_mapping.py)."""

    code = "MISSING_COLUMNS"

    def __init__(self, message: str, details: list, headers: list[str], missing: list[str]):
        super().__init__(message, details)
        self.headers, self.missing = headers, missing  # file headers as written; missing field names

    def columns(self) -> dict:
        return {"code": self.code, "headers": self.headers, "missing": self.missing}


class SegmentStale(ValidationFailed):
    """A segment whose rules name something that is gone (a deleted analysis): shown as 失效, not an error page."""

    code = "SEGMENT_STALE"
